using System.Security.Cryptography;
using System.Text;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Features.Events;

/// <summary>Absolute links of event mails and calendars (<c>Site:BaseUrl</c>, else the first address listened on).</summary>
public sealed class EventLinks(IOptions<SiteOptions> site, IServer server)
{
    public string BaseUrl => (site.Value.BaseUrl is { Length: > 0 } configured ? configured
        : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000").TrimEnd('/');

    public string Event(Guid id) => $"{BaseUrl}/evenements/{id}";

    public string Calendar(Guid id) => $"{BaseUrl}/events/{id}.ics";

    /// <summary>The link that lets a visitor (or anyone, from the mail) cancel without signing in.</summary>
    public string Cancel(EventRegistration registration) => $"{BaseUrl}/evenements/inscriptions/{registration.Id}/annuler?cle={registration.Secret}";

    public static bool Verify(EventRegistration registration, string? key) =>
        key is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(registration.Secret), Encoding.ASCII.GetBytes(key));
}
