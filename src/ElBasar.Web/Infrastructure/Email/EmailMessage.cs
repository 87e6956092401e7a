using System.Net.Mail;

namespace ElBasar.Web.Infrastructure.Email;

/// <summary>A mailbox: the address, and the name shown beside it.</summary>
public sealed record EmailAddress(string Address, string? DisplayName = null);

/// <summary>What a feature wants to send, queued with <see cref="Outbox.Add"/>: French text and HTML, built by the feature.</summary>
public sealed record EmailMessage(EmailAddress To, string Subject, string TextBody, string HtmlBody)
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
    internal void Validate()
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
