using System.Net;
using System.Security.Cryptography;
using System.Text;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Email;

namespace ElBasar.Web.Features.Alerts;

/// <summary>An alert mail: the new listings with their place and link, the search, a one-click unsubscribe and the way to every alert.</summary>
public sealed class AlertMails(AlertLinks links, SavedSearches searches)
{
    /// <summary>
    /// A listing as an alert shows it: <see cref="Key"/> names it in the mail's outbox key, <see cref="Url"/>
    /// is its page. A partner installation's listing has an <see cref="Origin"/> (the partner's name)
    /// and links to the original on the partner's site, where contact happens. A listing of another
    /// network of this installation, shared by a partnership, names that network in <see cref="SharedBy"/>.
    /// </summary>
    public sealed record Item(string Key, string Kind, string Title, string? Commune, string? Organization, string Url)
    {
        public string? Origin { get; init; }
        public string? SharedBy { get; init; }
    }

    public EmailMessage Build(SavedSearch saved, EmailAddress to, IReadOnlyList<Item> items)
    {
        var count = items.Count;
        var news = count == 1 ? "1 nouvelle annonce" : $"{count} nouvelles annonces";
        var subject = saved.Frequency switch
        {
            AlertFrequency.Daily => $"Votre alerte du jour « {saved.Name} » : {news}",
            AlertFrequency.Weekly => $"Votre alerte de la semaine « {saved.Name} » : {news}",
            _ => $"Alerte « {saved.Name} » : {news}",
        };
        var searchUrl = links.Search(SearchLinks.For(searches.QueryOf(saved)));
        var unsubscribe = links.Unsubscribe(saved);

        var text = new StringBuilder();
        text.Append("Bonjour ").Append(to.DisplayName).Append(",\n\n");
        text.Append(count == 1 ? "Une nouvelle annonce correspond" : $"{count} nouvelles annonces correspondent")
            .Append(" à votre alerte « ").Append(saved.Name).Append(" » :\n\n");
        foreach (var item in items)
        {
            text.Append("- ").Append(item.Kind).Append(" : ").Append(item.Title).Append('\n');
            if (OriginOf(item) is { } origin) text.Append("  ").Append(origin).Append('\n');
            if (Place(item) is { Length: > 0 } place) text.Append("  ").Append(place).Append('\n');
            text.Append("  ").Append(item.Url).Append("\n\n");
        }
        text.Append("Toutes les annonces de cette recherche : ").Append(searchUrl).Append('\n');
        text.Append("Gérer mes alertes : ").Append(links.Manage).Append('\n');
        text.Append("Ne plus recevoir cette alerte (un clic, sans connexion) : ").Append(unsubscribe).Append('\n');

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"fr\"><body style=\"font-family:sans-serif;line-height:1.5\">");
        html.Append("<p>Bonjour ").Append(H(to.DisplayName)).Append(",</p>");
        html.Append("<p>").Append(count == 1 ? "Une nouvelle annonce correspond" : $"{count} nouvelles annonces correspondent")
            .Append(" à votre alerte « ").Append(H(saved.Name)).Append(" » :</p><ul>");
        foreach (var item in items)
        {
            html.Append("<li><a href=\"").Append(H(item.Url)).Append("\">").Append(H(item.Title)).Append("</a> (").Append(H(item.Kind)).Append(')');
            if (OriginOf(item) is { } origin) html.Append("<br><strong>").Append(H(origin)).Append("</strong>");
            if (Place(item) is { Length: > 0 } place) html.Append("<br>").Append(H(place));
            html.Append("</li>");
        }
        html.Append("</ul>");
        html.Append("<p><a href=\"").Append(H(searchUrl)).Append("\">Toutes les annonces de cette recherche</a></p>");
        html.Append("<p style=\"font-size:.9em;color:#555\"><a href=\"").Append(H(links.Manage)).Append("\">Gérer mes alertes</a> · <a href=\"")
            .Append(H(unsubscribe)).Append("\">Ne plus recevoir cette alerte</a></p>");
        html.Append("</body></html>");

        return new EmailMessage(to, subject, text.ToString(), html.ToString())
        {
            Key = $"alert:{saved.Id:N}:{BatchHash(items)}",
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = $"<{unsubscribe}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
        };
    }

    static string Place(Item item) => string.Join(", ", new[] { item.Commune, item.Organization }.Where(p => p is { Length: > 0 }));

    static string? OriginOf(Item item) =>
        item.Origin is { } origin ? $"Annonce du réseau partenaire {origin} : contact sur son site"
        : item.SharedBy is { } network ? SharedBy(network)
        : null;

    /// <summary>How an alert names the network that shared a listing with the reader (saved searches and demand watches).</summary>
    public static string SharedBy(string network) => $"Annonce partagée par le réseau {network}";

    // The same listings always make the same key: a batch queued twice is sent once.
    static string BatchHash(IEnumerable<Item> items) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(',', items.Select(i => i.Key).Order(StringComparer.Ordinal)))))[..32];

    static string H(string? text) => WebUtility.HtmlEncode(text ?? "");
}
