using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Infrastructure.Email;

/// <summary>How mail leaves the site (section <c>Email</c>, see contracts/interfaces.md).</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public EmailMode Mode { get; set; } = EmailMode.Pickup;

    /// <summary>Where <see cref="EmailMode.Pickup"/> writes one .eml file per message; relative to the working directory.</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    /// <summary>The sender, a bare address or <c>Name &lt;address&gt;</c>.</summary>
    public string From { get; set; } = "elbasar@localhost";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Seconds between two looks at the outbox.</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>
    /// Seconds a dispatcher holds the messages it claims. A message claimed by a process that died
    /// is due again once this has passed; a hand-over to the relay is given up after half of it.
    /// </summary>
    public int ClaimSeconds { get; set; } = 60;

    /// <summary>The longest one hand-over to the relay may take: half the claim, at most 30 seconds.</summary>
    public TimeSpan SendTimeout => TimeSpan.FromSeconds(Math.Min(30, ClaimSeconds / 2.0));

    /// <summary>False in test hosts and tools that must not send what they queue.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    public MailAddress FromAddress() => new(From);
}

public enum EmailMode
{
    Pickup,
    Smtp,
}

/// <summary>The SMTP relay used in <see cref="EmailMode.Smtp"/>; <see cref="EnableSsl"/> means STARTTLS.</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public bool EnableSsl { get; set; }
}

sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Mode)) errors.Add("Email:Mode must be 'pickup' or 'smtp'.");
        if (!MailAddress.TryCreate(options.From, out _)) errors.Add($"Email:From is not an e-mail address: '{options.From}'.");
        if (options.PollSeconds is < 1 or > 3600) errors.Add("Email:PollSeconds must be between 1 and 3600.");
        if (options.ClaimSeconds is < 2 or > 3600) errors.Add("Email:ClaimSeconds must be between 2 and 3600.");
        if (options.Mode == EmailMode.Pickup && string.IsNullOrWhiteSpace(options.PickupDirectory))
            errors.Add("Email:PickupDirectory is required in pickup mode.");
        if (options.Mode == EmailMode.Smtp)
        {
            if (string.IsNullOrWhiteSpace(options.Smtp.Host)) errors.Add("Email:Smtp:Host is required in smtp mode.");
            if (options.Smtp.Port is < 1 or > 65535) errors.Add("Email:Smtp:Port must be between 1 and 65535.");
            if (options.Smtp.Password is { Length: > 0 } && string.IsNullOrEmpty(options.Smtp.UserName))
                errors.Add("Email:Smtp:Password is set without Email:Smtp:UserName.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
