using System.Net;
using System.Security.Cryptography;
using System.Text;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Email;

namespace ElBasar.Web.Features.Alerts;

/// <summary>An alert mail: the new listings with their place and link, the search, a one-click unsubscribe and the way to every alert.</summary>
public sealed class AlertMails(AlertLinks links, SavedSearches searches)
{
    /// <summary>A listing as an alert shows it.</summary>
    public sealed record Item(Guid Id, string Kind, string Title, string? Commune, string Organization);

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
            text.Append("- ").Append(item.Kind).Append(" : ").Append(item.Title).Append('\n')
                .Append("  ").Append(Place(item)).Append('\n')
                .Append("  ").Append(links.Listing(item.Id)).Append("\n\n");
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
            html.Append("<li><a href=\"").Append(H(links.Listing(item.Id))).Append("\">").Append(H(item.Title)).Append("</a> (")
                .Append(H(item.Kind)).Append(")<br>").Append(H(Place(item))).Append("</li>");
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

    static string Place(Item item) => item.Commune is { Length: > 0 } commune ? $"{commune}, {item.Organization}" : item.Organization;

    // The same listings always make the same key: a batch queued twice is sent once.
    static string BatchHash(IEnumerable<Item> items) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(string.Join(',', items.Select(i => i.Id.ToString("N")).Order(StringComparer.Ordinal)))))[..32];

    static string H(string? text) => WebUtility.HtmlEncode(text ?? "");
}
