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

    /// <summary>To the new address: the change applies only once this link is opened.</summary>
    public void ConfirmNewEmail(User user, string newEmail, string link) => Send(new EmailAddress(newEmail, user.DisplayName),
        "Confirmez votre nouvelle adresse e-mail",
        $"Bonjour {user.DisplayName},\n\nVous avez demandé que votre compte elBasar utilise désormais cette adresse. Pour confirmer, ouvrez ce lien (valable un jour) :\n{link}\n\nTant que vous ne l'avez pas ouvert, votre compte garde son adresse actuelle. Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.",
        link, "Confirmer cette adresse");

    /// <summary>To the current address, so its owner learns of a change they did not ask for.</summary>
    public void EmailChangeRequested(User user, string newEmail, string accountLink) => Send(user,
        "Demande de changement d'adresse e-mail",
        $"Bonjour {user.DisplayName},\n\nUne demande a été faite pour que votre compte elBasar utilise l'adresse {newEmail} au lieu de celle-ci. Le changement ne se fera que si le lien envoyé à la nouvelle adresse est ouvert.\n\nSi ce n'est pas vous, changez votre mot de passe dès maintenant : {accountLink}",
        accountLink, "Mon compte");

    public void PasswordChanged(User user, string accountLink) => Send(user,
        "Votre mot de passe a été changé",
        $"Bonjour {user.DisplayName},\n\nLe mot de passe de votre compte elBasar vient d'être changé.\n\nSi ce n'est pas vous, choisissez-en un nouveau sans attendre avec « Mot de passe oublié » sur la page de connexion, puis prévenez l'équipe du réseau : {accountLink}",
        accountLink, "Mon compte");

    void Send(User user, string subject, string text, string link, string action) =>
        Send(new EmailAddress(user.Email!, user.DisplayName), subject, text, link, action);

    void Send(EmailAddress to, string subject, string text, string link, string action)
    {
        var paragraphs = text.Split("\n\n").Select(p => $"<p>{WebUtility.HtmlEncode(p).Replace("\n", "<br>")}</p>");
        var html = $"""
            <!DOCTYPE html><html lang="fr"><body style="font-family:sans-serif;line-height:1.5">
            {string.Join("\n", paragraphs)}
            <p><a href="{WebUtility.HtmlEncode(link)}" style="background:#0b5d4b;color:#fff;padding:.6em 1em;text-decoration:none;border-radius:4px">{action}</a></p>
            </body></html>
            """;
        outbox.Add(new EmailMessage(to, subject, text, html));
    }
}
