using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Infrastructure.Email;

/// <summary>
/// A queued e-mail (table <c>outbox_messages</c>, migration 0010): written in the transaction of
/// what caused it, then sent by <see cref="OutboxDispatcher"/>, which claims it for a while.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; }

    /// <summary>The message's cause, unique when given (<see cref="EmailMessage.Key"/>).</summary>
    public string? Key { get; init; }

    public required string ToAddress { get; init; }
    public string? ToName { get; init; }
    public required string Subject { get; init; }
    public required string TextBody { get; init; }
    public required string HtmlBody { get; init; }

    /// <summary>The extra headers as a JSON object, or null when there are none.</summary>
    public string? Headers { get; init; }

    public DateTime CreatedAt { get; init; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>What went wrong last, short and without personal data (an exception type, an SMTP status).</summary>
    public string? LastError { get; set; }

    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }

    public const int MaxErrorLength = 200;

    internal static OutboxMessage Queue(EmailMessage message, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Key = message.Key,
        ToAddress = message.To.Address,
        ToName = message.To.DisplayName,
        Subject = message.Subject,
        TextBody = message.TextBody,
        HtmlBody = message.HtmlBody,
        Headers = message.Headers.Count == 0 ? null : JsonSerializer.Serialize(message.Headers),
        CreatedAt = now.UtcDateTime,
        NextAttemptAt = now.UtcDateTime,
    };

    /// <summary>The message as the feature gave it, for a sender.</summary>
    public EmailMessage ToEmail() => new(new EmailAddress(ToAddress, ToName), Subject, TextBody, HtmlBody)
    {
        Headers = Headers is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(Headers)!,
        Key = Key,
    };
}

sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.ToTable("outbox_messages");
        e.HasKey(m => m.Id);
        e.Property(m => m.Id).ValueGeneratedNever();
        e.Property(m => m.Key).HasMaxLength(EmailMessage.MaxKeyLength);
        e.HasIndex(m => m.Key).IsUnique();
        e.Property(m => m.ToAddress).HasMaxLength(320);
        e.Property(m => m.ToName).HasMaxLength(200);
        e.Property(m => m.Subject).HasMaxLength(EmailMessage.MaxSubjectLength);
        e.Property(m => m.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);
        e.Property(m => m.ClaimedBy).HasMaxLength(100);
        // The dispatcher's scan: only the messages still to send are indexed.
        e.HasIndex(m => m.NextAttemptAt).HasFilter("sent_at IS NULL");
    }
}
