namespace ElBasar.Web.Features.Newsletter;

/// <summary>The digest's sender (section <c>Newsletter</c>).</summary>
public sealed class NewsletterOptions
{
    public const string Section = "Newsletter";

    /// <summary>False in test hosts and tools: they run <see cref="NewsletterJob.RunOnceAsync"/> themselves.</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Seconds between two looks for a digest to send.</summary>
    public int PollSeconds { get; set; } = 10;

    /// <summary>Copies queued in the outbox per transaction.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>A pause between two batches on SQLite, so that a large sending leaves the one writer's lock to the site.</summary>
    public int BatchPauseMilliseconds { get; set; } = 50;
}
