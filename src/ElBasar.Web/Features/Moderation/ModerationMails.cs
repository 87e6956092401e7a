using System.Net;
using System.Net.Mail;
using ElBasar.Web.Infrastructure.Email;

namespace ElBasar.Web.Features.Moderation;

/// <summary>Tells an organisation, at its contact address, that something of theirs was hidden and why.</summary>
public sealed class ModerationMails(Outbox outbox)
{
    /// <summary>Queues the mail when the subject has a usable contact address; false otherwise.</summary>
    public bool Hidden(ModerationSubject subject, string reason)
    {
        // Imported contact fields are free text: only a bare address gets mail.
        if (subject.ContactEmail is not { } email || !MailAddress.TryCreate(email, out var address) || address.Address != email) return false;
        var (subjectLine, what) = subject.Kind == ModerationSubjectKind.Recommendation
            ? ("Votre recommandation a été masquée", $"La {char.ToLowerInvariant(subject.Title[0])}{subject.Title[1..]} a été masquée par l'équipe d'animation du réseau : elle n'apparaît plus sur elBasar.")
            : subject.Kind == ModerationSubjectKind.Listing
            ? ("Votre annonce a été masquée", $"Votre annonce « {subject.Title} » a été masquée par l'équipe d'animation du réseau : elle n'apparaît plus sur elBasar.")
            : ("Votre fiche a été masquée", $"La fiche de « {subject.Title} » a été masquée par l'équipe d'animation du réseau, avec ses annonces : elles n'apparaissent plus sur elBasar.");
        var text = $"Bonjour,\n\n{what}\n\nMotif : {reason}\n\nPour en parler ou demander qu'elle soit rétablie, contactez l'équipe d'animation du réseau.";
        var html = $"""
            <!DOCTYPE html><html lang="fr"><body style="font-family:sans-serif;line-height:1.5">
            {string.Join("\n", text.Split("\n\n").Select(p => $"<p>{WebUtility.HtmlEncode(p).Replace("\n", "<br>")}</p>"))}
            </body></html>
            """;
        outbox.Add(new EmailMessage(new EmailAddress(email, subject.OrganizationName ?? subject.Title), subjectLine, text, html));
        return true;
    }
}
