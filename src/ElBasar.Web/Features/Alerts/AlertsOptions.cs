namespace ElBasar.Web.Features.Alerts;

/// <summary>The alert worker (section <c>Alerts</c>).</summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>False in test hosts and tools: they run <see cref="AlertJob.RunOnceAsync"/> themselves.</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Seconds between two passes; instant alerts leave within a pass and the outbox's own poll.</summary>
    public int PollSeconds { get; set; } = 20;
}
