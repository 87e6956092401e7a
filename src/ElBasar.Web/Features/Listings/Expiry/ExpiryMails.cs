using System.Net;
using ElBasar.Web.Infrastructure.Email;
using ElBasar.Web.Infrastructure.Web;

namespace ElBasar.Web.Features.Listings.Expiry;

/// <summary>The e-mail telling a listing's people that it expires soon, in French, queued in the outbox.</summary>
public sealed class ExpiryMails(Outbox outbox)
{
    /// <summary>Queues the reminder; <paramref name="key"/> names the listing, the expiry and the recipient, so it is never queued twice.</summary>
    public void ExpiresSoon(EmailAddress to, string title, string organization, DateTime expiresAt, string link, string key)
    {
        // A background job has no request culture: the date is French and in Paris time whatever the thread says.
        var date = Display.ToParis(expiresAt).ToString("dddd d MMMM yyyy", WebModule.French);
        var hello = string.IsNullOrWhiteSpace(to.DisplayName) ? "Bonjour," : $"Bonjour {to.DisplayName},";
        var text = $"{hello}\n\n" +
                   $"L'annonce « {title} » de {organization} expire le {date}. Après cette date, elle n'apparaîtra plus dans les recherches.\n\n" +
                   $"Si elle est toujours d'actualité, prolongez-la depuis sa page ; sinon, vous pouvez la clore :\n{link}\n\n" +
                   "Vous recevez ce message parce que vous publiez pour cette structure sur elBasar.";
        var paragraphs = text.Split("\n\n").Select(p => $"<p>{WebUtility.HtmlEncode(p).Replace("\n", "<br>")}</p>");
        var html = $"""
            <!DOCTYPE html><html lang="fr"><body style="font-family:sans-serif;line-height:1.5">
            {string.Join("\n", paragraphs)}
            <p><a href="{WebUtility.HtmlEncode(link)}" style="background:#0b5d4b;color:#fff;padding:.6em 1em;text-decoration:none;border-radius:4px">Voir l'annonce</a></p>
            </body></html>
            """;
        var subject = OneLine($"Votre annonce « {title} » expire le {date.Split(' ', 2)[1]}");
        outbox.Add(new EmailMessage(to with { DisplayName = to.DisplayName is null ? null : OneLine(to.DisplayName) }, subject, text, html) { Key = key });
    }

    // Titles and names are typed by people: they must not break a header line.
    static string OneLine(string text)
    {
        var line = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return line.Length > EmailMessage.MaxSubjectLength ? line[..EmailMessage.MaxSubjectLength] : line;
    }
}
