using System.Diagnostics;
using ElBasar.Tests.Support;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Jobs;

namespace ElBasar.Tests.Infrastructure.Web;

/// <summary>A scheduled pass holds its job's lock: a second pass, in the process or (PostgreSQL) on another node, skips.</summary>
public sealed class JobLocksTests
{
    [SkippableTheory, BothDatabases]
    public async Task A_job_held_by_one_pass_is_refused_to_another_until_it_ends(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var info = new DatabaseInfo(database.Provider, database.ConnectionString);
        var node = new JobLocks(info);

        var held = await node.TryTakeAsync("newsletter");
        Assert.NotNull(held);
        Assert.Null(await node.TryTakeAsync("newsletter"));
        await using (var other = await node.TryTakeAsync("membership"))
            Assert.NotNull(other);
        await held.DisposeAsync();
        await using (var again = await node.TryTakeAsync("newsletter"))
            Assert.NotNull(again);
    }

    [SkippableFact]
    public async Task On_postgresql_a_job_held_by_one_node_is_refused_to_another_until_it_ends_or_dies()
    {
        await using var database = await TestDatabase.CreateAsync("postgresql");
        var info = new DatabaseInfo(database.Provider, database.ConnectionString);
        var (first, second) = (new JobLocks(info), new JobLocks(info));

        var held = await first.TryTakeAsync("event-reminders");
        Assert.NotNull(held);
        Assert.Null(await second.TryTakeAsync("event-reminders"));
        await using (var other = await second.TryTakeAsync("loan-reminders"))
            Assert.NotNull(other);
        await held.DisposeAsync();
        var taken = await second.TryTakeAsync("event-reminders");
        Assert.NotNull(taken);

        // The node holding it dies: its session ends, and the lock with it. (Only this test's database: other tests
        // share the server. A terminated session lets go when its process has ended, a moment after the signal.)
        await using (var admin = new Npgsql.NpgsqlConnection(database.ConnectionString))
        {
            await admin.OpenAsync();
            const string advisory = "FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid() " +
                                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";
            await using var kill = new Npgsql.NpgsqlCommand($"SELECT pg_terminate_backend(pid) {advisory}", admin);
            await kill.ExecuteNonQueryAsync();
            await using var left = new Npgsql.NpgsqlCommand($"SELECT COUNT(*) {advisory}", admin);
            for (var wait = Stopwatch.StartNew(); Convert.ToInt64(await left.ExecuteScalarAsync()) > 0 && wait.Elapsed < TimeSpan.FromSeconds(10);)
                await Task.Delay(20);
        }
        await using (var afterDeath = await first.TryTakeAsync("event-reminders"))
            Assert.NotNull(afterDeath);
    }
}
