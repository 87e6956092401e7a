namespace ElBasar.Web.Infrastructure.Email;

/// <summary>
/// Hands one message to the outside world: a pickup folder or an SMTP relay (<c>Email:Mode</c>).
/// Called by <see cref="OutboxDispatcher"/> at least once per message: the same id and date on
/// every call, so a repeat after a crash is recognisable (same Message-ID, same file).
/// </summary>
public interface IEmailSender
{
    /// <summary>Returns once the message is handed over; throws when it was not.</summary>
    Task SendAsync(Guid messageId, DateTimeOffset queuedAt, EmailMessage message, CancellationToken ct);
}
