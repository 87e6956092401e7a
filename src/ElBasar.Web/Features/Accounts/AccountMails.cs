using System.Net;
using ElBasar.Web.Infrastructure.Email;

namespace ElBasar.Web.Features.Accounts;

/// <summary>The account e-mails, in French, plain text and HTML, queued in the outbox with the change that causes them.</summary>
public sealed class AccountMails(Outbox outbox)
{
    public void Confirm(User user, string link) => Send(user,
        "Confirmez votre adresse e-mail",
        $"Bonjour {user.DisplayName},\n\nPour terminer votre inscription sur elBasar, confirmez votre adresse en ouvrant ce lien :\n{link}\n\nSi vous n'êtes pas à l'origine de cette inscription, ignorez ce message.",
        link, "Confirmer mon adresse");

    public void AlreadyRegistered(User user, string signInLink, string resetLink) => Send(user,
        "Votre compte elBasar",
        $"Bonjour {user.DisplayName},\n\nQuelqu'un (peut-être vous) a voulu créer un compte elBasar avec cette adresse, qui en a déjà un.\nPour vous connecter : {signInLink}\nMot de passe oublié : {resetLink}\n\nSi ce n'est pas vous, ignorez ce message : rien n'a changé.",
        signInLink, "Me connecter");

    public void ResetPassword(User user, string link) => Send(user,
        "Choisir un nouveau mot de passe",
        $"Bonjour {user.DisplayName},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable quelques heures) :\n{link}\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe reste le même.",
        link, "Choisir un mot de passe");

    void Send(User user, string subject, string text, string link, string action)
    {
        var paragraphs = text.Split("\n\n").Select(p => $"<p>{WebUtility.HtmlEncode(p).Replace("\n", "<br>")}</p>");
        var html = $"""
            <!DOCTYPE html><html lang="fr"><body style="font-family:sans-serif;line-height:1.5">
            {string.Join("\n", paragraphs)}
            <p><a href="{WebUtility.HtmlEncode(link)}" style="background:#0b5d4b;color:#fff;padding:.6em 1em;text-decoration:none;border-radius:4px">{action}</a></p>
            </body></html>
            """;
        outbox.Add(new EmailMessage(new EmailAddress(user.Email!, user.DisplayName), subject, text, html));
    }
}
