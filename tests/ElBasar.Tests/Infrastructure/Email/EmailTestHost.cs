using ElBasar.Tests.Support;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ElBasar.Tests.Infrastructure.Email;

/// <summary>
/// The data and e-mail modules alone, without the web host: a migrated test database, a fake
/// clock, a temporary pickup folder, and the dispatcher turned off so the test drives it.
/// </summary>
sealed class EmailTestHost : IAsyncDisposable
{
    public TestDatabase Database { get; }
    public FakeClock Clock { get; } = new();
    public string PickupDirectory { get; }
    public ServiceProvider Services { get; }

    EmailTestHost(TestDatabase database, string pickupDirectory, Dictionary<string, string?>? settings, Action<IServiceCollection>? configure)
    {
        Database = database;
        PickupDirectory = pickupDirectory;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.ProviderName,
            ["ConnectionStrings:ElBasar"] = database.ConnectionString,
            ["Email:PickupDirectory"] = pickupDirectory,
            ["Email:From"] = "elBasar <contact@elbasar.example.org>",
            ["Email:DispatcherEnabled"] = "false",
        }).AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddElBasarData(configuration);
        services.AddElBasarEmail(configuration);
        configure?.Invoke(services);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>A migrated database on <paramref name="provider"/>; <paramref name="configure"/> may replace the sender.</summary>
    public static async Task<EmailTestHost> StartAsync(string provider, Action<IServiceCollection>? configure = null,
        Dictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var pickup = Path.Combine(Path.GetTempPath(), $"elbasar-mail-{Guid.NewGuid():N}");
        var host = new EmailTestHost(database, pickup, settings, configure);
        await host.WithDbAsync(async (_, services) => await services.GetRequiredService<MigrationRunner>().MigrateAsync());
        return host;
    }

    public OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();

    public async Task<T> WithDbAsync<T>(Func<ElBasarDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ElBasarDbContext>(), scope.ServiceProvider);
    }

    /// <summary>Queues the messages the way a feature does: <c>outbox.Add</c>, then one save.</summary>
    public Task QueueAsync(params EmailMessage[] messages) => WithDbAsync(async (db, services) =>
    {
        var outbox = services.GetRequiredService<Outbox>();
        foreach (var message in messages) outbox.Add(message);
        return await db.SaveChangesAsync();
    });

    /// <summary>Queues copies of shared bodies the same way: <c>outbox.Add</c> each, then one save.</summary>
    public Task QueueAsync(params EmailCopy[] copies) => WithDbAsync(async (db, services) =>
    {
        var outbox = services.GetRequiredService<Outbox>();
        foreach (var copy in copies) outbox.Add(copy);
        return await db.SaveChangesAsync();
    });

    public Task<List<OutboxBody>> BodiesAsync() =>
        WithDbAsync((db, _) => db.Set<OutboxBody>().AsNoTracking().OrderBy(b => b.CreatedAt).ThenBy(b => b.Id).ToListAsync());

    public Task<List<OutboxMessage>> RowsAsync() =>
        WithDbAsync((db, _) => db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync());

    public string[] PickupFiles() => Directory.Exists(PickupDirectory)
        ? Directory.GetFiles(PickupDirectory).Order(StringComparer.Ordinal).ToArray()
        : [];

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(PickupDirectory)) Directory.Delete(PickupDirectory, recursive: true);
    }

    /// <summary>A valid message in French; a test names only what it is about.</summary>
    public static EmailMessage Welcome(string? key = null, string to = "camille.martin@example.org") => new(
        new EmailAddress(to, "Camille Martin"),
        "Bienvenue sur elBasar — réseau",
        "Bonjour Camille,\n\nBienvenue sur elBasar — réseau de l'économie sociale et solidaire.\nÀ bientôt !",
        "<p>Bonjour Camille,</p><p>Bienvenue sur <strong>elBasar — réseau</strong> de l'économie sociale et solidaire.</p>")
    {
        Key = key,
    };
}

/// <summary>A sender that fails while <see cref="Failures"/> is positive, and records what it sends.</summary>
sealed class ScriptedSender : IEmailSender
{
    public int Failures { get; set; }
    public List<(Guid Id, EmailMessage Message)> Sent { get; } = [];

    public Task SendAsync(Guid messageId, DateTimeOffset queuedAt, EmailMessage message, CancellationToken ct)
    {
        if (Failures > 0)
        {
            Failures--;
            throw new IOException("The relay is down (test).");
        }
        lock (Sent) Sent.Add((messageId, message));
        return Task.CompletedTask;
    }
}
