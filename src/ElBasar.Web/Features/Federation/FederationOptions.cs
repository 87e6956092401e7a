namespace ElBasar.Web.Features.Federation;

/// <summary>Following partner installations' feeds (section <c>Federation</c>).</summary>
public sealed class FederationOptions
{
    public const string Section = "Federation";

    /// <summary>False in test hosts and tools: they run <see cref="FederationJob.RunOnceAsync"/> themselves.</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Seconds between two looks for partners due.</summary>
    public int PollSeconds { get; set; } = 60;

    /// <summary>Minutes between two reads of one partner's feed when it answers.</summary>
    public int SyncMinutes { get; set; } = 15;

    /// <summary>Seconds a partner has to answer one request before it counts as offline.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    public bool IsValid() => PollSeconds is >= 1 and <= 3600 && SyncMinutes is >= 0 and <= 1440 && TimeoutSeconds is >= 1 and <= 120;
}
