using System.Security.Cryptography;
using System.Text;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.WebUtilities;

using ElBasar.Web.Features.Networks;

namespace ElBasar.Web.Features.Newsletter;

/// <summary>
/// Absolute links of the digest, and its signed links: an HMAC of the subscriber's id under the
/// subscriber's own secret, so a link works without signing in and cannot be made for someone else.
/// </summary>
public sealed class NewsletterLinks(SiteLinks site)
{
    public string BaseUrl => site.BaseUrl;

    public string Listing(Guid id) => $"{BaseUrl}/annonces/{id}";
    public string Organization(Guid id) => $"{BaseUrl}/structures/{id}";
    public string Event(Guid id) => $"{BaseUrl}/evenements/{id}";
    public string Archive => $"{BaseUrl}/lettre";

    /// <summary>The network's archive and subscription page: <c>/lettre</c> for the home network, <c>/reseaux/{slug}/lettre</c> for another.</summary>
    public string ArchiveOf(NetworkRef network) => BaseUrl + ArchivePath(network);

    public static string ArchivePath(NetworkRef network) => network.IsHome ? "/lettre" : $"/reseaux/{network.Slug}/lettre";

    /// <summary>Where the network's facilitators compose its digest.</summary>
    public static string ComposePath(NetworkRef network) => network.IsHome ? "/animation/lettre" : $"/reseaux/{network.Slug}/animation/lettre";

    public string Unsubscribe(Subscriber s) => $"{BaseUrl}/lettre/desabonner/{s.Id}?signature={Sign(s, "unsubscribe")}";
    public string Confirm(Subscriber s) => $"{BaseUrl}/lettre/confirmer/{s.Id}?signature={Sign(s, "confirm")}";

    public static string Sign(Subscriber s, string purpose) =>
        WebEncoders.Base64UrlEncode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(s.Secret), Encoding.UTF8.GetBytes($"{purpose}:{s.Id:N}")));

    public static bool Verify(Subscriber s, string purpose, string? signature) =>
        signature is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(s, purpose)), Encoding.ASCII.GetBytes(signature));
}
