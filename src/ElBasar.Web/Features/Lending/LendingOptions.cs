namespace ElBasar.Web.Features.Lending;

/// <summary>Settings of the section <c>Lending</c>: the reminder job.</summary>
public sealed class LendingOptions
{
    public const string Section = "Lending";

    /// <summary>Whether the reminder job runs (the day before pickup, the day before return, late items).</summary>
    public bool RemindersEnabled { get; set; } = true;

    /// <summary>How often the job looks for reminders due, in minutes.</summary>
    public int ReminderPollMinutes { get; set; } = 60;

    public bool IsValid() => ReminderPollMinutes is >= 1 and <= 1440;
}
