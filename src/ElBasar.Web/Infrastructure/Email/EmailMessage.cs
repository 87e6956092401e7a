using System.Net.Mail;

namespace ElBasar.Web.Infrastructure.Email;

/// <summary>A mailbox: the address, and the name shown beside it.</summary>
public sealed record EmailAddress(string Address, string? DisplayName = null);

/// <summary>What every queued mail has besides its body: the reader, the subject, extra headers and the cause.</summary>
public abstract record EmailEnvelope(EmailAddress To, string Subject)
{
    /// <summary>Extra headers, such as <c>List-Unsubscribe</c> and <c>List-Unsubscribe-Post</c> (RFC 8058).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The cause of the message ("loan-reminder:{id}"): a key already queued is never queued again.</summary>
    public string? Key { get; init; }

    public const int MaxKeyLength = 200;
    public const int MaxSubjectLength = 400;

    // Senders write these themselves; letting a feature set them would make two of each.
    static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "Sender", "To", "Cc", "Bcc", "Subject", "Date", "Message-ID", "MIME-Version",
        "Content-Type", "Content-Transfer-Encoding", "Return-Path",
    };

    /// <summary>Throws on what would be a bug in the feature building the message: a bad address, a header injection.</summary>
    internal virtual void Validate()
    {
        if (!MailAddress.TryCreate(To.Address, out var address) || address.Address != To.Address)
            throw new ArgumentException("The recipient must be a bare e-mail address.", nameof(To));
        CheckLine(To.DisplayName, "recipient name");
        if (string.IsNullOrWhiteSpace(Subject) || Subject.Length > MaxSubjectLength)
            throw new ArgumentException($"The subject must have 1 to {MaxSubjectLength} characters.", nameof(Subject));
        CheckLine(Subject, "subject");
        if (Key is { Length: 0 or > MaxKeyLength })
            throw new ArgumentException($"The key must have 1 to {MaxKeyLength} characters.", nameof(Key));
        foreach (var (name, value) in Headers)
        {
            if (name.Length == 0 || name.Any(c => c is <= ' ' or ':' or > '~') || ReservedHeaders.Contains(name) ||
                name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"'{name}' cannot be set as an extra header.", nameof(Headers));
            CheckLine(value, name);
        }
    }

    static void CheckLine(string? value, string what)
    {
        if (value is not null && value.Any(char.IsControl))
            throw new ArgumentException($"The {what} must hold no line break nor control character.");
    }
}

/// <summary>What a feature wants to send, queued with <see cref="Outbox.Add(EmailMessage)"/>: French text and HTML, built by the feature.</summary>
public sealed record EmailMessage(EmailAddress To, string Subject, string TextBody, string HtmlBody) : EmailEnvelope(To, Subject);

/// <summary>
/// One reader's copy of a <see cref="SharedBody"/>, queued with <see cref="Outbox.Add(EmailCopy)"/>:
/// the outbox stores the body once for all its copies, and each copy only what is its own.
/// </summary>
public sealed record EmailCopy(EmailAddress To, string Subject, SharedBody Body) : EmailEnvelope(To, Subject)
{
    /// <summary>This reader's value of each placeholder of the body (their own unsubscribe link...), put in when the copy is sent.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    internal override void Validate()
    {
        base.Validate();
        foreach (var placeholder in Values.Keys)
        {
            if (placeholder.Length is < SharedBody.MinPlaceholderLength or > SharedBody.MaxPlaceholderLength)
                throw new ArgumentException(
                    $"A placeholder must have {SharedBody.MinPlaceholderLength} to {SharedBody.MaxPlaceholderLength} characters.", nameof(Values));
        }
    }
}
