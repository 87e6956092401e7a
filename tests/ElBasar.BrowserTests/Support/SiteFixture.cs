using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.BrowserTests.Support;

/// <summary>
/// The real site, served by Kestrel on a free port of 127.0.0.1 so that a real browser can reach it,
/// on its own SQLite file seeded with the demo network, its mail written as .eml files to a folder of
/// its own (<see cref="MailFolder"/>). One per test class (a class fixture).
/// </summary>
public sealed class SiteFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("elbasar-browser-");

    string DatabaseFile => Path.Combine(_folder.FullName, "elbasar.db");

    /// <summary>Where the site writes its mail, one .eml file per message (pickup mode); see <see cref="Mailbox"/>.</summary>
    public string MailFolder => Path.Combine(_folder.FullName, "mail");

    public SiteFixture() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    /// <summary>Where the site listens, such as <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", "sqlite");
        builder.UseSetting("ConnectionStrings:ElBasar", $"Data Source={DatabaseFile}");
        builder.UseSetting("Demo:Seed", "true");
        // Mail goes to the test's own folder, not to data/mail beside the test assembly, and soon.
        builder.UseSetting("Email:Mode", "pickup");
        builder.UseSetting("Email:PickupDirectory", MailFolder);
        builder.UseSetting("Email:PollSeconds", "1");
        // Demo listings close to their expiry would otherwise be mailed about from the test's folder.
        builder.UseSetting("Listings:ExpiryRemindersEnabled", "false");
        // Tests run alert passes themselves (AlertJob.RunOnceAsync), as the alerts README asks of test hosts.
        builder.UseSetting("Alerts:WorkerEnabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public Task InitializeAsync()
    {
        StartServer();
        // The site reads its database settings while it is being built: make sure ours got there,
        // rather than browse (and fill) a developer's own database.
        if (!File.Exists(DatabaseFile))
        {
            throw new InvalidOperationException($"The site did not open its test database {DatabaseFile}.");
        }
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseAddress = new Uri(addresses.Addresses.Single());
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _folder.Delete(recursive: true);
    }
}
