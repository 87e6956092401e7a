using System.Reflection;
using ElBasar.Web.Features.Cooperations;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Events;
using ElBasar.Web.Features.Import;
using ElBasar.Web.Features.Resources;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Features.Demo;

/// <summary>When <c>Demo:Seed</c> is true.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Seed { get; set; } = true;
}

/// <summary>
/// Loads the fictional French demo network (organizations.jsonl and listings.jsonl beside this
/// file) into an empty database, through the same importer as the <c>import</c> verb. Its dates
/// are moved so that the newest listing is a few hours old: a newcomer sees a living site.
/// </summary>
sealed class DemoSeed(ElBasarDbContext db, Importer importer, IOptions<DemoOptions> options, TimeProvider clock,
    ILogger<DemoSeed> logger) : IStartupSeed
{
    // The newest listing of the demo files; every date is shifted so that it becomes "now".
    static readonly DateTime NewestInFiles = new(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);

    public int Order => 100;

    public bool OnlyWhenServing => true;

    public async Task RunAsync(CancellationToken ct)
    {
        if (!options.Value.Seed || await db.Organizations.AnyAsync(ct)) return;
        importer.DateShift = clock.GetUtcNow().UtcDateTime.AddHours(-3) - NewestInFiles;
        var organizations = await importer.ImportOrganizationsAsync(Open("organizations.jsonl"), ct: ct);
        var listings = await importer.ImportListingsAsync(Open("listings.jsonl"), ct: ct);
        await AddAperoAsync(ct);
        await CooperationDemo.AddAsync(db, clock, ct);
        await ResourcesDemo.AddAsync(db, clock.GetUtcNow().UtcDateTime, ct);
        logger.LogInformation("Demo network loaded: {Organizations} organisations, {Listings} listings",
            organizations.Taken, listings.Taken);
    }

    // An itinerant apéro at a member's premises in Arras, ten days ahead at 18:30 in Paris: the network's habit.
    async Task AddAperoAsync(CancellationToken ct)
    {
        var host = await db.Organizations.Where(o => o.ExternalId == "demo-org-023")
            .Select(o => new { o.Id, o.Name, o.Commune, o.PostalCode, o.Latitude, o.Longitude }).SingleOrDefaultAsync(ct);
        if (host is null) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var day = DateOnly.FromDateTime(EventTimes.ToParis(now)).AddDays(10);
        var starts = EventTimes.FromParis(day.ToDateTime(new TimeOnly(18, 30)))!.Value;
        db.Add(new Event
        {
            Title = $"Apéro itinérant chez {host.Name}",
            Kind = EventKind.ItinerantApero,
            Description = "Visite des serres et des parcelles, puis apéro avec les légumes du jardin. Venez découvrir les autres membres du réseau autour d'Arras.",
            StartsAt = starts,
            EndsAt = starts.AddHours(2),
            Place = $"{host.Name}, {host.PostalCode} {host.Commune}",
            HostOrganizationId = host.Id,
            Latitude = host.Latitude,
            Longitude = host.Longitude,
            Capacity = 30,
            Audience = EventAudience.Everyone,
            NetworkId = await db.Networks.Where(n => n.IsHome).Select(n => n.Id).SingleAsync(ct),
            HostBrings = "Les légumes de saison et une visite du jardin",
            GuestsBring = "Un produit ou un service de votre structure à faire découvrir",
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync(ct);
    }

    static Stream Open(string name) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream($"ElBasar.Web.Features.Demo.{name}")
        ?? throw new InvalidOperationException($"The demo file {name} is not embedded.");
}
