using System.Security.Cryptography;
using System.Text;
using ElBasar.Web.Infrastructure.Web;

namespace ElBasar.Web.Features.Events;

/// <summary>Absolute links of event mails and calendars (<c>Site:BaseUrl</c>, else the first address listened on).</summary>
public sealed class EventLinks(SiteLinks site)
{
    public string BaseUrl => site.BaseUrl;

    public string Event(Guid id) => $"{BaseUrl}/evenements/{id}";

    public string Calendar(Guid id) => $"{BaseUrl}/events/{id}.ics";

    /// <summary>The link that lets a visitor (or anyone, from the mail) cancel without signing in.</summary>
    public string Cancel(EventRegistration registration) => $"{BaseUrl}/evenements/inscriptions/{registration.Id}/annuler?cle={registration.Secret}";

    public static bool Verify(EventRegistration registration, string? key) =>
        key is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(registration.Secret), Encoding.ASCII.GetBytes(key));
}
