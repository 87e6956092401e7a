using System.Security.Cryptography;
using System.Text;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.WebUtilities;

namespace ElBasar.Web.Features.Alerts;

/// <summary>
/// Absolute links of alert mails and feeds (<see cref="SiteLinks"/>), and the signature of one-click
/// unsubscribe links: an HMAC of the search's id under the search's own secret, so a link works
/// without signing in and cannot be made for another search.
/// </summary>
public sealed class AlertLinks(SiteLinks site)
{
    public string BaseUrl => site.BaseUrl;

    public string Listing(Guid id) => $"{BaseUrl}/annonces/{id}";

    public string Manage => $"{BaseUrl}/espace/alertes";

    public string Search(string pathAndQuery) => BaseUrl + pathAndQuery;

    public string Unsubscribe(SavedSearch saved) => $"{BaseUrl}{UnsubscribePath(saved)}";

    public static string UnsubscribePath(SavedSearch saved) => $"/alertes/{saved.Id}/desabonner?signature={Sign(saved)}";

    public string Feed(SavedSearch saved) => $"{BaseUrl}/alertes/{saved.FeedToken}.atom";

    public static string Sign(SavedSearch saved) =>
        WebEncoders.Base64UrlEncode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(saved.Secret), Encoding.UTF8.GetBytes($"unsubscribe:{saved.Id:N}")));

    public static bool Verify(SavedSearch saved, string? signature) =>
        signature is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(saved)), Encoding.ASCII.GetBytes(signature));
}
