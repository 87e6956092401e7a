using System.Net;
using System.Text;
using ElBasar.Web.Infrastructure.Email;

namespace ElBasar.Web.Features.Events;

/// <summary>The mails of events: a place freed for someone waiting, the reminder the day before.</summary>
public sealed class EventMails(EventLinks links)
{
    public EmailMessage Promoted(Event ev, EventRegistration registration) => Build(ev, registration,
        $"Une place s'est libérée : {ev.Title}",
        "Bonne nouvelle : une place s'est libérée et vous êtes maintenant inscrit·e à",
        $"event-promoted:{registration.Id:N}:{registration.RequestedAt.Ticks}");

    public EmailMessage Reminder(Event ev, EventRegistration registration) => Build(ev, registration,
        $"Rappel : {ev.Title}, {EventTimes.Long(ev.StartsAt)}",
        "Petit rappel : vous êtes inscrit·e à",
        $"event-reminder:{registration.Id:N}:{ev.StartsAt.Ticks}");

    EmailMessage Build(Event ev, EventRegistration registration, string subject, string opening, string key)
    {
        var when = EventTimes.Long(ev.StartsAt);
        var text = new StringBuilder();
        text.Append("Bonjour ").Append(registration.Name).Append(",\n\n")
            .Append(opening).Append(" « ").Append(ev.Title).Append(" »,\n")
            .Append(when).Append(", ").Append(ev.Place).Append(".\n\n");
        if (ev.GuestsBring is { Length: > 0 } bring) text.Append("À apporter : ").Append(bring).Append("\n\n");
        text.Append("Le rendez-vous : ").Append(links.Event(ev.Id)).Append('\n')
            .Append("L'ajouter à votre agenda : ").Append(links.Calendar(ev.Id)).Append('\n')
            .Append("Vous ne pouvez plus venir ? Libérez votre place : ").Append(links.Cancel(registration)).Append('\n');

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"fr\"><body style=\"font-family:sans-serif;line-height:1.5\">")
            .Append("<p>Bonjour ").Append(H(registration.Name)).Append(",</p>")
            .Append("<p>").Append(H(opening)).Append(" « <a href=\"").Append(H(links.Event(ev.Id))).Append("\">").Append(H(ev.Title)).Append("</a> »,<br>")
            .Append(H(when)).Append(", ").Append(H(ev.Place)).Append(".</p>");
        if (ev.GuestsBring is { Length: > 0 } b) html.Append("<p>À apporter : ").Append(H(b)).Append("</p>");
        html.Append("<p><a href=\"").Append(H(links.Calendar(ev.Id))).Append("\">Ajouter à mon agenda</a> · <a href=\"")
            .Append(H(links.Cancel(registration))).Append("\">Je ne peux plus venir</a></p></body></html>");
        return new EmailMessage(new EmailAddress(registration.Email, registration.Name), subject, text.ToString(), html.ToString()) { Key = key };
    }

    static string H(string? s) => WebUtility.HtmlEncode(s ?? "");
}
