using System.Text;
using System.Text.Json;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Import;

/// <summary>
/// Imports organisations and listings from JSON Lines (contracts/exchange-format.md).
/// Records are matched on <c>externalId</c>, so importing a file twice changes nothing;
/// a bad line is reported with its number and the rest of the file still goes in.
/// </summary>
public sealed class Importer(ElBasarDbContext db, Taxonomy taxonomy, Territories territories, HomeNetwork homeNetwork, TimeProvider clock)
{
    // Large enough to amortise a round trip, small enough to keep the change tracker light.
    const int BatchSize = 1000;

    /// <summary>Moves every imported date by this much (the demo network uses it to look recent).</summary>
    public TimeSpan DateShift { get; set; }

    public Task<ImportReport> ImportOrganizationsAsync(Stream input, IProgress<int>? progress = null, CancellationToken ct = default) =>
        RunAsync(input, ParseOrganization, SaveOrganizationsAsync, progress, ct);

    public Task<ImportReport> ImportListingsAsync(Stream input, IProgress<int>? progress = null, CancellationToken ct = default) =>
        RunAsync(input, ParseListing, SaveListingsAsync, progress, ct);

    // One connection for the whole file, with the larger page cache of bulk work on SQLite.
    async Task<ImportReport> RunAsync<T>(Stream input, Func<JsonLine, T?> parse,
        Func<List<(int Line, T Record)>, ImportReport, CancellationToken, Task> save, IProgress<int>? progress, CancellationToken ct)
        where T : class, IRecord
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync($"PRAGMA cache_size = -{SqliteConnectionSetup.BulkCacheKibibytes}", ct);
            return await ReadAllAsync(input, parse, save, progress, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    async Task<ImportReport> ReadAllAsync<T>(Stream input, Func<JsonLine, T?> parse,
        Func<List<(int Line, T Record)>, ImportReport, CancellationToken, Task> save, IProgress<int>? progress, CancellationToken ct)
        where T : class, IRecord
    {
        var report = new ImportReport();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<(int, T)>(BatchSize);
        using var reader = new StreamReader(input, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var record = Read(text, lineNumber, parse, report);
            if (record is null) continue;
            if (!seen.Add(record.ExternalId))
            {
                report.Reject(lineNumber, $"l'identifiant « {record.ExternalId} » apparaît déjà plus haut dans le fichier");
                continue;
            }
            batch.Add((lineNumber, record));
            if (batch.Count == BatchSize)
            {
                await save(batch, report, ct);
                batch.Clear();
                progress?.Report(lineNumber);
            }
        }
        if (batch.Count > 0) await save(batch, report, ct);
        progress?.Report(lineNumber);
        return report;
    }

    static T? Read<T>(string text, int lineNumber, Func<JsonLine, T?> parse, ImportReport report) where T : class
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            report.Reject(lineNumber, "la ligne n'est pas un objet JSON valide");
            return null;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                report.Reject(lineNumber, "la ligne doit être un objet JSON ({ … })");
                return null;
            }
            var line = new JsonLine(document.RootElement);
            T? record;
            try
            {
                record = parse(line);
            }
            catch (InvalidOperationException)
            {
                // A string holding half a surrogate pair ("\ud800" alone) is valid JSON, but not text.
                report.Reject(lineNumber, "la ligne contient un texte qui n'est pas de l'Unicode valide (un \\uD800 à \\uDFFF sans sa paire)");
                return null;
            }
            if (line.IsValid && record is not null) return record;
            report.Reject(lineNumber, string.Join(" ; ", line.Errors));
            return null;
        }
    }

    interface IRecord
    {
        string ExternalId { get; }
    }

    sealed record OrganizationRecord(
        string ExternalId, string Name, OrganizationKind Kind, string? LegalForm, string? Description, List<string> Activities,
        string? CommuneInsee, string? Commune, string? PostalCode, (double Latitude, double Longitude)? Point,
        string? Email, string? Phone, string? Website, int? Employees, bool Member) : IRecord;

    OrganizationRecord? ParseOrganization(JsonLine line)
    {
        var externalId = line.String("externalId", 1, 100, required: true);
        var name = line.String("name", 1, 200, required: true);
        var kindText = line.String("kind");
        var kind = OrganizationKind.Organization;
        if (kindText is not null && !Slug.TryParse(kindText, out kind))
            line.Fail("le champ « kind » doit valoir « organization » ou « individual »");
        var legalForm = line.String("legalForm");
        if (legalForm is not null && taxonomy.FindLegalForm(legalForm) is null)
            line.Fail($"la forme juridique « {legalForm} » n'existe pas (voir taxonomy.json)");
        var description = line.String("description", 0, 10000);
        var activities = line.Strings("activities") ?? [];
        if (activities.Any(a => a.Length > 100)) line.Fail("chaque activité doit faire au plus 100 caractères");
        var insee = line.InseeCode("communeInsee");
        var commune = line.String("commune", 0, 200);
        var postalCode = line.String("postalCode", 0, 10);
        var point = line.Coordinates();
        var email = line.String("email", 0, 320);
        var phone = line.String("phone", 0, 40);
        var website = line.String("website", 0, 500);
        var employees = line.NonNegativeInteger("employees");
        var member = line.Boolean("member") ?? true;
        if (!line.IsValid) return null;
        commune ??= insee is null ? null : territories.FindCommune(insee)?.Name;
        return new OrganizationRecord(externalId!, name!, kind, legalForm, description, activities.Distinct().ToList(),
            insee, commune, postalCode, point, email, phone, website, employees, member);
    }

    async Task SaveOrganizationsAsync(List<(int Line, OrganizationRecord Record)> batch, ImportReport report, CancellationToken ct)
    {
        var networkId = await homeNetwork.IdAsync(ct);
        var ids = batch.Select(b => b.Record.ExternalId).ToList();
        var existing = await db.Organizations.Include(o => o.Activities).Include(o => o.Networks).AsSplitQuery()
            .Where(o => ids.Contains(o.ExternalId!)).ToDictionaryAsync(o => o.ExternalId!, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (_, r) in batch)
        {
            var isNew = !existing.TryGetValue(r.ExternalId, out var org);
            org ??= new Organization { Name = r.Name, CreatedAt = now };
            org.ExternalId = r.ExternalId;
            org.Name = r.Name;
            org.Kind = r.Kind;
            org.LegalForm = r.LegalForm;
            org.Description = r.Description;
            org.CommuneInsee = r.CommuneInsee;
            org.Commune = r.Commune;
            org.PostalCode = r.PostalCode;
            org.Latitude = r.Point?.Latitude;
            org.Longitude = r.Point?.Longitude;
            org.Email = r.Email;
            org.Phone = r.Phone;
            org.Website = r.Website;
            org.Employees = r.Employees;
            var activitiesChanged = !org.Activities.Select(a => a.Label).SequenceEqual(r.Activities);
            if (activitiesChanged)
            {
                org.Activities.Clear();
                org.Activities.AddRange(r.Activities.Select((label, i) => new OrganizationActivity { Position = i, Label = label }));
            }
            var membership = org.Networks.FirstOrDefault(m => m.NetworkId == networkId);
            var membershipChanged = membership is null || membership.IsMember != r.Member;
            if (membership is null)
                org.Networks.Add(new NetworkMembership { NetworkId = networkId, IsMember = r.Member, Since = now });
            else
                membership.IsMember = r.Member;
            if (isNew) db.Organizations.Add(org);
            var changed = isNew || activitiesChanged || membershipChanged || HasChanges(org);
            if (changed) org.UpdatedAt = now;
            report.Count(isNew, changed);
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    sealed record ListingRecord(
        string ExternalId, string OrganizationExternalId, ListingKind Kind, string Title, string? Description, string Category,
        List<string> Modes, decimal? Price, string? CommuneInsee, (double Latitude, double Longitude)? Point,
        DateTime? CreatedAt, DateTime? ExpiresAt) : IRecord;

    ListingRecord? ParseListing(JsonLine line)
    {
        var externalId = line.String("externalId", 1, 100, required: true);
        var organization = line.String("organizationExternalId", 1, 100, required: true);
        var kindText = line.String("kind", required: true);
        var kind = default(ListingKind);
        if (kindText is not null && !Slug.TryParse(kindText, out kind))
            line.Fail("le champ « kind » doit valoir « offer » ou « demand »");
        var title = line.String("title", 3, 150, required: true);
        var description = line.String("description", 0, 10000);
        var category = line.String("category", required: true);
        if (category is not null && taxonomy.FindCategory(category) is null && taxonomy.NetworkOfCategory(category) is null)
            line.Fail($"la catégorie « {category} » n'existe pas (voir taxonomy.json et les catégories propres aux réseaux)");
        var modes = line.Strings("exchangeModes", required: true) ?? [];
        foreach (var unknown in modes.Where(m => taxonomy.FindMode(m) is null))
            line.Fail($"le mode d'échange « {unknown} » n'existe pas (voir taxonomy.json)");
        var price = line.NonNegativeDecimal("price");
        var insee = line.InseeCode("communeInsee");
        var point = line.Coordinates();
        var createdAt = line.DateTime("createdAt");
        var expiresAt = line.DateTime("expiresAt");
        if (!line.IsValid) return null;
        return new ListingRecord(externalId!, organization!, kind, title!, description, category!, modes.Distinct().ToList(),
            price, insee, point, createdAt + DateShift, expiresAt + DateShift);
    }

    sealed record Poster(Guid Id, string? CommuneInsee, string? Commune, double? Latitude, double? Longitude);

    Dictionary<string, Poster>? _posters;

    async Task SaveListingsAsync(List<(int Line, ListingRecord Record)> batch, ImportReport report, CancellationToken ct)
    {
        var networkId = await homeNetwork.IdAsync(ct);
        var ids = batch.Select(b => b.Record.ExternalId).ToList();
        var existing = await db.Listings.Include(l => l.ExchangeModes)
            .Where(l => ids.Contains(l.ExternalId!)).ToDictionaryAsync(l => l.ExternalId!, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (line, r) in batch)
        {
            var poster = await FindPosterAsync(r.OrganizationExternalId, ct);
            if (poster is null)
            {
                report.Reject(line, $"l'organisation « {r.OrganizationExternalId} » est inconnue : importez d'abord les organisations");
                continue;
            }
            // A network's own category belongs to that network's organisations, and puts the listing in it.
            var categoryNetwork = taxonomy.NetworkOfCategory(r.Category);
            if (categoryNetwork is { } own && !(await MembersOfAsync(own, ct)).Contains(poster.Id))
            {
                report.Reject(line, $"la catégorie « {r.Category} » est propre au réseau « {await NetworkNameAsync(own, ct)} », dont l'organisation « {r.OrganizationExternalId} » n'est pas membre");
                continue;
            }
            var isNew = !existing.TryGetValue(r.ExternalId, out var listing);
            listing ??= new Listing { Title = r.Title, Category = r.Category, NetworkId = networkId, Status = ListingStatus.Published };
            if (categoryNetwork is { } chosen) listing.NetworkId = chosen;
            listing.ExternalId = r.ExternalId;
            listing.OrganizationId = poster.Id;
            listing.Kind = r.Kind;
            listing.Title = r.Title;
            listing.Description = r.Description;
            listing.Category = r.Category;
            listing.Price = r.Price;
            listing.CommuneInsee = r.CommuneInsee ?? poster.CommuneInsee;
            listing.Commune = r.CommuneInsee is null ? poster.Commune : territories.FindCommune(r.CommuneInsee)?.Name;
            // Without its own point, a listing stands where its organisation does (exchange-format.md).
            listing.Latitude = r.Point?.Latitude ?? poster.Latitude;
            listing.Longitude = r.Point?.Longitude ?? poster.Longitude;
            listing.CreatedAt = r.CreatedAt ?? (isNew ? now : listing.CreatedAt);
            listing.ExpiresAt = r.ExpiresAt;
            var modesChanged = listing.SetModes(r.Modes);
            if (isNew) db.Listings.Add(listing);
            var changed = isNew || modesChanged || HasChanges(listing);
            if (changed) listing.UpdatedAt = now;
            report.Count(isNew, changed);
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    // A record imported again unchanged keeps its dates: a second import of a file changes nothing.
    bool HasChanges(object entity)
    {
        var entry = db.Entry(entity);
        entry.DetectChanges();
        return entry.State == EntityState.Modified;
    }

    readonly Dictionary<Guid, HashSet<Guid>> _members = [];

    async Task<HashSet<Guid>> MembersOfAsync(Guid networkId, CancellationToken ct)
    {
        if (_members.TryGetValue(networkId, out var known)) return known;
        var members = await db.NetworkMemberships.Where(m => m.NetworkId == networkId && m.IsMember).Select(m => m.OrganizationId).ToListAsync(ct);
        return _members[networkId] = members.ToHashSet();
    }

    Task<string> NetworkNameAsync(Guid networkId, CancellationToken ct) =>
        db.Networks.Where(n => n.Id == networkId).Select(n => n.Name).SingleAsync(ct);

    async Task<Poster?> FindPosterAsync(string externalId, CancellationToken ct)
    {
        _posters ??= await db.Organizations.Where(o => o.ExternalId != null)
            .Select(o => new { o.ExternalId, Poster = new Poster(o.Id, o.CommuneInsee, o.Commune, o.Latitude, o.Longitude) })
            .ToDictionaryAsync(o => o.ExternalId!, o => o.Poster, StringComparer.Ordinal, ct);
        return _posters.GetValueOrDefault(externalId);
    }
}
