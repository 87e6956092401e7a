using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Infrastructure.Email;

/// <summary>
/// Sends through the relay of <c>Email:Smtp</c> with System.Net.Mail (MailKit is not on our feed):
/// plain text and HTML as alternative views, the extra headers, and the outbox's id as Message-ID.
/// </summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(Guid messageId, DateTimeOffset queuedAt, EmailMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        var from = settings.FromAddress();
        using var mail = new MailMessage
        {
            From = from,
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        mail.To.Add(new MailAddress(message.To.Address, message.To.DisplayName, Encoding.UTF8));
        mail.AlternateViews.Add(View(message.TextBody, MediaTypeNames.Text.Plain));
        mail.AlternateViews.Add(View(message.HtmlBody, MediaTypeNames.Text.Html));
        // System.Net.Mail writes the Date itself, as the time of sending; the Message-ID is ours.
        mail.Headers.Add("Message-ID", EmlWriter.MessageId(messageId, from));
        foreach (var (name, value) in message.Headers) mail.Headers.Add(name, value);

        // Well under the outbox claim (EmailOptions.SendTimeout), so a stuck relay cannot keep a
        // message past its claim while another node takes it over.
        var timeout = settings.SendTimeout;
        using var client = new SmtpClient(settings.Smtp.Host, settings.Smtp.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = settings.Smtp.EnableSsl,
            Timeout = (int)timeout.TotalMilliseconds,
        };
        if (settings.Smtp.UserName is { Length: > 0 } user)
            client.Credentials = new NetworkCredential(user, settings.Smtp.Password);
        // SmtpClient.Timeout bounds only the synchronous Send: the asynchronous one is cancelled by hand.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await client.SendMailAsync(mail, deadline.Token);
        }
        catch (Exception) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // SmtpClient reports its cancellation as an SmtpException, or as itself.
            throw new TimeoutException($"The SMTP relay did not answer within {timeout.TotalSeconds:0.#} s.");
        }
    }

    static AlternateView View(string body, string mediaType)
    {
        var view = AlternateView.CreateAlternateViewFromString(body, Encoding.UTF8, mediaType);
        view.TransferEncoding = TransferEncoding.QuotedPrintable;
        return view;
    }
}
