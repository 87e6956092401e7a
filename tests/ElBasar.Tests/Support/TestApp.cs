using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Support;

/// <summary>The site on its own database and clock, for tests that go through HTTP.</summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; }
    public FakeClock Clock { get; }
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), $"elbasar-mail-{Guid.NewGuid():N}");
    readonly Dictionary<string, string?> _settings;
    readonly bool _ownsDatabase;

    TestApp(TestDatabase database, Dictionary<string, string?> settings, FakeClock clock, bool ownsDatabase)
    {
        Database = database;
        _settings = settings;
        Clock = clock;
        _ownsDatabase = ownsDatabase;
    }

    public static async Task<TestApp> StartAsync(string provider, Dictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        return Start(new TestApp(database, settings ?? [], new FakeClock(), ownsDatabase: true));
    }

    /// <summary>
    /// The site on a database the test holds, perhaps already used by an app now stopped: a restart.
    /// The database outlives the app; the clock starts at <paramref name="clock"/>, or the default.
    /// </summary>
    public static TestApp StartOn(TestDatabase database, Dictionary<string, string?>? settings = null, FakeClock? clock = null) =>
        Start(new TestApp(database, settings ?? [], clock ?? new FakeClock(), ownsDatabase: false));

    static TestApp Start(TestApp app)
    {
        // Building the server runs the start-up: migrations and seeds.
        _ = app.Server;
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.ProviderName);
        builder.UseSetting("ConnectionStrings:ElBasar", Database.ConnectionString);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Tests send mail by calling the dispatcher themselves, into a folder of their own.
        builder.UseSetting("Email:DispatcherEnabled", "false");
        builder.UseSetting("Alerts:WorkerEnabled", "false");
        builder.UseSetting("Membership:WorkerEnabled", "false");
        builder.UseSetting("Events:RemindersEnabled", "false");
        builder.UseSetting("Newsletter:WorkerEnabled", "false");
        builder.UseSetting("Email:PickupDirectory", MailFolder);
        builder.UseSetting("Listings:ExpiryRemindersEnabled", "false");
        builder.UseSetting("Lending:RemindersEnabled", "false");
        builder.UseSetting("Federation:WorkerEnabled", "false");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // A password hashed with the site's 100,000 rounds costs a tenth of a second, at each account made and each
            // sign-in; tests make hundreds. The hash keeps its round count, so a site started otherwise still reads it.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
        });
    }

    /// <summary>Runs <paramref name="work"/> with a fresh DbContext and its services.</summary>
    public async Task<T> WithDbAsync<T>(Func<ElBasarDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ElBasarDbContext>(), scope.ServiceProvider);
    }

    public Task WithDbAsync(Func<ElBasarDbContext, Task> work) =>
        WithDbAsync<bool>(async (db, _) => { await work(db); return true; });

    public async Task<Guid> HomeNetworkIdAsync() => await Services.GetRequiredService<HomeNetwork>().IdAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase) await Database.DisposeAsync();
        if (Directory.Exists(MailFolder)) Directory.Delete(MailFolder, recursive: true);
    }
}
