using System.Net;
using ElBasar.Web.Infrastructure.Email;

namespace ElBasar.Web.Features.Messaging;

/// <summary>"Nouveau message": the other side is told, with the text and a link back to the conversation.</summary>
public sealed class MessagingMails(Outbox outbox)
{
    public void NewMessage(Recipient to, string from, string subject, string body, string link, string key)
    {
        var text = $"Bonjour {to.Name},\n\n{from} vous a écrit sur elBasar au sujet de « {subject} » :\n\n{body}\n\n"
            + $"Pour répondre, ouvrez la conversation :\n{link}\n\nRépondre à ce courriel ne transmet pas votre réponse : écrivez-la sur elBasar.";
        var paragraphs = text.Split("\n\n").Select(p => $"<p>{WebUtility.HtmlEncode(p).Replace("\n", "<br>")}</p>");
        var html = $"""
            <!DOCTYPE html><html lang="fr"><body style="font-family:sans-serif;line-height:1.5">
            {string.Join("\n", paragraphs)}
            <p><a href="{WebUtility.HtmlEncode(link)}" style="background:#0b5d4b;color:#fff;padding:.6em 1em;text-decoration:none;border-radius:4px">Ouvrir la conversation</a></p>
            </body></html>
            """;
        outbox.Add(new EmailMessage(new EmailAddress(to.Email, OneLine(to.Name)), OneLine($"Nouveau message de {from} : {subject}"), text, html) { Key = key });
    }

    // Names and subjects are typed by people: they must not break a header line.
    public static string OneLine(string line)
    {
        var one = new string(line.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return one.Length > EmailMessage.MaxSubjectLength ? one[..EmailMessage.MaxSubjectLength] : one;
    }
}
