using ElBasar.Web.Infrastructure.Jobs;

namespace ElBasar.Web.Infrastructure.Data;

/// <summary>
/// Work that must be done on the database before anything else: migrations first, then each
/// registered <see cref="IStartupSeed"/> in order (taxonomy, home network, demo network...).
/// Runs as the first hosted service, so the site only listens once its database is ready. Nodes
/// started together seed one after the other (the <c>start-up</c> job lock): each seed finds
/// what the one before wrote instead of writing it twice.
/// </summary>
public sealed class DatabaseStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => RunAsync(services, serving: true, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Migrates, then runs the seeds; <paramref name="serving"/> is false for the command-line verbs. Returns the scripts applied.
    /// Once done in a process, it is not done again there: a verb run by the site itself (an
    /// administrator's action, a test) finds the database ready since the site started.
    /// </summary>
    public static async Task<IReadOnlyList<MigrationRunner.Script>> RunAsync(IServiceProvider services, bool serving, CancellationToken ct)
    {
        var done = services.GetService<Done>();
        if (done is not null && (done.Serving || (done.Once && !serving))) return [];
        await using var scope = services.CreateAsyncScope();
        var applied = await scope.ServiceProvider.GetRequiredService<MigrationRunner>().MigrateAsync(ct);
        await using var held = await scope.ServiceProvider.GetRequiredService<JobLocks>().TakeAsync("start-up", ct);
        foreach (var seed in scope.ServiceProvider.GetServices<IStartupSeed>().OrderBy(s => s.Order))
        {
            if (serving || !seed.OnlyWhenServing) await seed.RunAsync(ct);
        }
        if (done is not null) (done.Once, done.Serving) = (true, done.Serving || serving);
        return applied;
    }

    /// <summary>What this process has done already: the start-up, with or without the seeds for serving.</summary>
    public sealed class Done
    {
        public bool Once { get; set; }
        public bool Serving { get; set; }
    }
}

/// <summary>Data a feature needs in every database, written at start after the migrations.</summary>
public interface IStartupSeed
{
    int Order { get; }

    /// <summary>True for seeds that only make sense for a running site (the demo network), not for verbs.</summary>
    bool OnlyWhenServing => false;

    Task RunAsync(CancellationToken ct);
}
