namespace ElBasar.Web.Features.Events;

/// <summary>The event reminder worker (section <c>Events</c>).</summary>
public sealed class EventsOptions
{
    public const string Section = "Events";

    /// <summary>False in test hosts and tools: they run <see cref="EventReminderJob.RunOnceAsync"/> themselves.</summary>
    public bool RemindersEnabled { get; set; } = true;

    /// <summary>Seconds between two looks for events starting within a day.</summary>
    public int PollSeconds { get; set; } = 300;
}
