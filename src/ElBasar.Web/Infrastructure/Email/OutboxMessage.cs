using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Infrastructure.Email;

/// <summary>
/// A queued e-mail (table <c>outbox_messages</c>, migration 0010): written in the transaction of
/// what caused it, then sent by <see cref="OutboxDispatcher"/>, which claims it for a while. A copy
/// of a shared body (migration 0041) holds no body of its own: <see cref="BodyId"/> names the body,
/// <see cref="BodyValues"/> fills its placeholders.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; }

    /// <summary>The message's cause, unique when given (<see cref="EmailEnvelope.Key"/>).</summary>
    public string? Key { get; init; }

    public required string ToAddress { get; init; }
    public string? ToName { get; init; }
    public required string Subject { get; init; }

    /// <summary>The message's own text; empty when its body is shared (<see cref="BodyId"/>).</summary>
    public required string TextBody { get; init; }

    /// <summary>The message's own HTML; empty when its body is shared (<see cref="BodyId"/>).</summary>
    public required string HtmlBody { get; init; }

    /// <summary>The extra headers as a JSON object, or null when there are none.</summary>
    public string? Headers { get; init; }

    /// <summary>The shared body (<see cref="OutboxBody"/>) this message is a copy of; set only at its insert.</summary>
    public Guid? BodyId { get; set; }

    /// <summary>The values of the shared body's placeholders for this reader, as a JSON object.</summary>
    public string? BodyValues { get; init; }

    public DateTime CreatedAt { get; init; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>What went wrong last, short and without personal data (an exception type, an SMTP status).</summary>
    public string? LastError { get; set; }

    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }

    /// <summary>The body of a copy not saved yet: the outbox finds or writes its row at save (<see cref="OutboxSaveInterceptor"/>).</summary>
    internal SharedBody? PendingBody { get; init; }

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
        Headers = Json(message.Headers),
        CreatedAt = now.UtcDateTime,
        NextAttemptAt = now.UtcDateTime,
    };

    internal static OutboxMessage Queue(EmailCopy copy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Key = copy.Key,
        ToAddress = copy.To.Address,
        ToName = copy.To.DisplayName,
        Subject = copy.Subject,
        TextBody = "",
        HtmlBody = "",
        Headers = Json(copy.Headers),
        PendingBody = copy.Body,
        BodyValues = Json(copy.Values),
        CreatedAt = now.UtcDateTime,
        NextAttemptAt = now.UtcDateTime,
    };

    static string? Json(IReadOnlyDictionary<string, string> values) => values.Count == 0 ? null : JsonSerializer.Serialize(values);

    static Dictionary<string, string> Dictionary(string? json) =>
        json is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;

    /// <summary>
    /// The message as the reader gets it, for a sender: a copy's shared body (which the caller loads,
    /// once for all its copies) with this reader's values in its placeholders.
    /// </summary>
    public EmailMessage ToEmail(OutboxBody? shared = null)
    {
        if (shared?.Id != BodyId)
            throw new ArgumentException(BodyId is null ? "This message has a body of its own." : $"This message is a copy of body {BodyId}.", nameof(shared));
        var values = Dictionary(BodyValues);
        return new EmailMessage(new EmailAddress(ToAddress, ToName), Subject,
            shared is null ? TextBody : SharedBody.Fill(shared.TextBody, values, html: false),
            shared is null ? HtmlBody : SharedBody.Fill(shared.HtmlBody, values, html: true))
        {
            Headers = Dictionary(Headers),
            Key = Key,
        };
    }
}

sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.ToTable("outbox_messages");
        e.HasKey(m => m.Id);
        e.Property(m => m.Id).ValueGeneratedNever();
        e.Property(m => m.Key).HasMaxLength(EmailEnvelope.MaxKeyLength);
        e.HasIndex(m => m.Key).IsUnique();
        e.Property(m => m.ToAddress).HasMaxLength(320);
        e.Property(m => m.ToName).HasMaxLength(200);
        e.Property(m => m.Subject).HasMaxLength(EmailEnvelope.MaxSubjectLength);
        e.Property(m => m.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);
        e.Property(m => m.ClaimedBy).HasMaxLength(100);
        e.Ignore(m => m.PendingBody);
        // No cascade: the database deletes a body once its last message is gone, never the other way round.
        e.HasOne<OutboxBody>().WithMany().HasForeignKey(m => m.BodyId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(m => m.BodyId).HasFilter("body_id IS NOT NULL");
        // The dispatcher's scan: only the messages still to send are indexed.
        e.HasIndex(m => m.NextAttemptAt).HasFilter("sent_at IS NULL");
    }
}
