using System.Net;
using ElBasar.Web.Infrastructure.Email;

namespace ElBasar.Web.Features.Directory.People;

/// <summary>The e-mails about an organisation's people, in French, queued in the outbox with the change that causes them.</summary>
public sealed class OrganizationMails(Outbox outbox)
{
    public void JoinRequested(EmailAddress owner, string requester, string organization, string link) => Send(owner,
        $"Demande pour rejoindre {organization}",
        $"Bonjour {owner.DisplayName},\n\n{requester} demande à rejoindre {organization} sur elBasar, pour publier et échanger en son nom.\n\nPour accepter ou refuser cette demande, ouvrez la page des personnes de la structure :\n{link}",
        link, "Voir la demande");

    public void JoinApproved(EmailAddress requester, string organization, OrganizationRole role, string link) => Send(requester,
        $"Vous avez rejoint {organization}",
        $"Bonjour {requester.DisplayName},\n\nVotre demande a été acceptée : vous faites désormais partie de {organization} sur elBasar, comme {RoleLabels.Of(role).ToLowerInvariant()}.\n\nRetrouvez vos structures dans votre espace :\n{link}",
        link, "Ouvrir mon espace");

    public void JoinDeclined(EmailAddress requester, string organization, string link) => Send(requester,
        $"Votre demande pour rejoindre {organization}",
        $"Bonjour {requester.DisplayName},\n\nLes responsables de {organization} n'ont pas accepté votre demande pour la rejoindre sur elBasar. Si vous pensez qu'il s'agit d'une erreur, prenez contact avec la structure.\n\nVotre espace :\n{link}",
        link, "Ouvrir mon espace");

    void Send(EmailAddress to, string subject, string text, string link, string action)
    {
        var paragraphs = text.Split("\n\n").Select(p => $"<p>{WebUtility.HtmlEncode(p).Replace("\n", "<br>")}</p>");
        var html = $"""
            <!DOCTYPE html><html lang="fr"><body style="font-family:sans-serif;line-height:1.5">
            {string.Join("\n", paragraphs)}
            <p><a href="{WebUtility.HtmlEncode(link)}" style="background:#0b5d4b;color:#fff;padding:.6em 1em;text-decoration:none;border-radius:4px">{action}</a></p>
            </body></html>
            """;
        outbox.Add(new EmailMessage(to, OneLine(subject), text, html));
    }

    // An organisation's name is typed by people: it must not break the subject line.
    static string OneLine(string subject)
    {
        var line = new string(subject.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return line.Length > EmailMessage.MaxSubjectLength ? line[..EmailMessage.MaxSubjectLength] : line;
    }
}

/// <summary>The French names of the roles.</summary>
public static class RoleLabels
{
    public static string Of(OrganizationRole role) => role == OrganizationRole.Owner ? "Responsable" : "Éditeur ou éditrice";

    public static string Describe(OrganizationRole role) => role == OrganizationRole.Owner
        ? "modifie le profil, publie, gère les personnes et l'adhésion au réseau"
        : "modifie le profil et publie";
}
