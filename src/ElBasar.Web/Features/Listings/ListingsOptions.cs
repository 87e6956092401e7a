namespace ElBasar.Web.Features.Listings;

/// <summary>Settings of the Listings feature (section <c>Listings</c>).</summary>
public sealed class ListingsOptions
{
    public const string Section = "Listings";

    /// <summary>False in test hosts, which run <see cref="Expiry.ExpiryReminderJob.RunOnceAsync"/> themselves.</summary>
    public bool ExpiryRemindersEnabled { get; set; } = true;

    /// <summary>How long before its expiry a published listing's people are reminded.</summary>
    public int ExpiryReminderDays { get; set; } = 7;

    /// <summary>Minutes between two looks for listings to remind.</summary>
    public int ExpiryReminderPollMinutes { get; set; } = 60;

    internal bool IsValid() => ExpiryReminderDays is >= 1 and <= 60 && ExpiryReminderPollMinutes is >= 1 and <= 1440;
}
