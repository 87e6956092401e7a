using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ElBasar.Web.Features.Import;

/// <summary>
/// Imports organisations and listings from JSON Lines (contracts/exchange-format.md).
/// Records are matched on <c>externalId</c>, so importing a file twice changes nothing;
/// a bad line is reported with its number and the rest of the file still goes in.
/// </summary>
public sealed class Importer(ElBasarDbContext db, Taxonomy taxonomy, Territories territories, HomeNetwork homeNetwork, TimeProvider clock)
{
    // One transaction each: large enough to amortise its commit and round trips, small enough to keep the
    // change tracker light for organisations and to lose little when an import is killed.
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
            if (_listingWriter is not null) await _listingWriter.DisposeAsync();
            _listingWriter = null;
            await db.Database.CloseConnectionAsync();
        }
    }

    sealed record Batch<T>(List<(int Line, T Record)> Records, int LastLine);

    /// <summary>
    /// Reads and checks the lines on one thread while the batches are written on this one: on two cores,
    /// parsing the JSON and analysing the search text overlap with the database's work. At most two batches
    /// wait, so memory stays flat whatever the size of the file.
    /// </summary>
    async Task<ImportReport> ReadAllAsync<T>(Stream input, Func<JsonLine, T?> parse,
        Func<List<(int Line, T Record)>, ImportReport, CancellationToken, Task> save, IProgress<int>? progress, CancellationToken ct)
        where T : class, IRecord
    {
        var report = new ImportReport();
        var batches = Channel.CreateBounded<Batch<T>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = Task.Run(() => ReadBatchesAsync(input, parse, report, batches.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(ct))
            {
                if (batch.Records.Count > 0) await save(batch.Records, report, ct);
                progress?.Report(batch.LastLine);
            }
        }
        finally
        {
            // A failed batch stops the reading too; the reader never throws, it hands its error to the channel.
            await stop.CancelAsync();
            await reading;
        }
        return report;
    }

    static async Task ReadBatchesAsync<T>(Stream input, Func<JsonLine, T?> parse, ImportReport report, ChannelWriter<Batch<T>> batches,
        CancellationToken ct) where T : class, IRecord
    {
        try
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var records = new List<(int, T)>(BatchSize);
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
                records.Add((lineNumber, record));
                if (records.Count == BatchSize)
                {
                    await batches.WriteAsync(new Batch<T>(records, lineNumber), ct);
                    records = new List<(int, T)>(BatchSize);
                }
            }
            await batches.WriteAsync(new Batch<T>(records, lineNumber), ct);
            batches.Complete();
        }
        catch (Exception e)
        {
            batches.Complete(e);
        }
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
        DateTime? CreatedAt, DateTime? ExpiresAt, string SearchTitle, string SearchBody) : IRecord;

    // Runs on the reading thread, so the search text is analysed there too, while the previous batch is written.
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
        // The rows are written without EF, so without the interceptor that drops NUL characters on save.
        title = NulCharacters.Strip(title)!;
        description = NulCharacters.Strip(description);
        return new ListingRecord(NulCharacters.Strip(externalId)!, NulCharacters.Strip(organization)!, kind, title, description, category!,
            modes.Distinct().ToList(), price, insee, point, createdAt + DateShift, expiresAt + DateShift,
            SearchAnalyzer.AnalyzeDocument(title), SearchAnalyzer.AnalyzeDocument(description));
    }

    sealed record Poster(Guid Id, string? CommuneInsee, string? Commune, double? Latitude, double? Longitude);

    /// <summary>A listing as the database holds it: what an import line is compared with.</summary>
    sealed record StoredListing(
        Guid Id, string ExternalId, Guid OrganizationId, ListingKind Kind, string Title, string? Description, string Category,
        decimal? Price, string? CommuneInsee, string? Commune, double? Latitude, double? Longitude, DateTime CreatedAt,
        DateTime? ExpiresAt, int SearchVersion, List<string> Modes)
    {
        public bool Differs(ListingRow row) =>
            OrganizationId != row.OrganizationId || Kind != row.Kind || Title != row.Title || Description != row.Description
            || Category != row.Category || Price != row.Price || CommuneInsee != row.CommuneInsee || Commune != row.Commune
            || Latitude != row.Latitude || Longitude != row.Longitude || CreatedAt != row.CreatedAt || ExpiresAt != row.ExpiresAt;
    }

    Dictionary<string, Poster>? _posters;
    ListingWriter? _listingWriter;

    /// <summary>
    /// One transaction a batch, so that a killed import leaves whole batches: one query for the listings already
    /// there (with their modes), then the rows written by <see cref="ListingWriter"/>, without the change tracker.
    /// </summary>
    async Task SaveListingsAsync(List<(int Line, ListingRecord Record)> batch, ImportReport report, CancellationToken ct)
    {
        var networkId = await homeNetwork.IdAsync(ct);
        var posters = await PostersAsync(ct);
        _listingWriter ??= ListingWriter.For(db);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ids = batch.Select(b => b.Record.ExternalId).ToList();
        var existing = await db.Listings.AsNoTracking().Where(l => ids.Contains(l.ExternalId!))
            .Select(l => new StoredListing(l.Id, l.ExternalId!, l.OrganizationId, l.Kind, l.Title, l.Description, l.Category, l.Price,
                l.CommuneInsee, l.Commune, l.Latitude, l.Longitude, l.CreatedAt, l.ExpiresAt, l.SearchVersion,
                l.ExchangeModes.Select(m => m.Mode).ToList()))
            .ToDictionaryAsync(l => l.ExternalId, StringComparer.Ordinal, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var changes = new ListingChanges();
        foreach (var (line, r) in batch)
        {
            if (!posters.TryGetValue(r.OrganizationExternalId, out var poster))
            {
                report.Reject(line, $"l'organisation « {r.OrganizationExternalId} » est inconnue : importez d'abord les organisations");
                continue;
            }
            // A network's own category belongs to that network's organisations, and puts a new listing in it.
            var categoryNetwork = taxonomy.NetworkOfCategory(r.Category);
            if (categoryNetwork is { } own && !(await MembersOfAsync(own, ct)).Contains(poster.Id))
            {
                report.Reject(line, $"la catégorie « {r.Category} » est propre au réseau « {await NetworkNameAsync(own, ct)} », dont l'organisation « {r.OrganizationExternalId} » n'est pas membre");
                continue;
            }
            var stored = existing.GetValueOrDefault(r.ExternalId);
            // Without its own point, a listing stands where its organisation does (exchange-format.md).
            var row = new ListingRow(
                stored?.Id ?? Guid.CreateVersion7(), r.ExternalId, categoryNetwork ?? networkId, poster.Id, r.Kind, r.Title, r.Description, r.Category, r.Price,
                r.CommuneInsee ?? poster.CommuneInsee, r.CommuneInsee is null ? poster.Commune : territories.FindCommune(r.CommuneInsee)?.Name,
                r.Point?.Latitude ?? poster.Latitude, r.Point?.Longitude ?? poster.Longitude,
                r.CreatedAt ?? stored?.CreatedAt ?? now, now, r.ExpiresAt, r.SearchTitle, r.SearchBody, SearchAnalyzer.Version);
            if (stored is null)
            {
                changes.Added.Add(row);
                changes.ModesAdded.AddRange(r.Modes.Select(mode => (row.Id, mode)));
                report.Count(created: true, changed: true);
                continue;
            }
            var removed = stored.Modes.Where(m => !r.Modes.Contains(m)).ToList();
            var added = r.Modes.Where(m => !stored.Modes.Contains(m)).ToList();
            // A record imported again unchanged keeps its dates: a second import of a file changes nothing.
            var changed = removed.Count + added.Count > 0 || stored.Differs(row);
            report.Count(created: false, changed);
            if (!changed) continue;
            changes.Updated.Add(row);
            if (stored.Title != row.Title || stored.Description != row.Description || stored.SearchVersion != SearchAnalyzer.Version)
                changes.TextChanged.Add(row.Id);
            changes.ModesRemoved.AddRange(removed.Select(mode => (row.Id, mode)));
            changes.ModesAdded.AddRange(added.Select(mode => (row.Id, mode)));
        }
        await _listingWriter.WriteAsync(changes, transaction.GetDbTransaction(), ct);
        await transaction.CommitAsync(ct);
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

    /// <summary>Every organisation known by an external id, read once for the whole file.</summary>
    async Task<Dictionary<string, Poster>> PostersAsync(CancellationToken ct) =>
        _posters ??= await db.Organizations.Where(o => o.ExternalId != null)
            .Select(o => new { o.ExternalId, Poster = new Poster(o.Id, o.CommuneInsee, o.Commune, o.Latitude, o.Longitude) })
            .ToDictionaryAsync(o => o.ExternalId!, o => o.Poster, StringComparer.Ordinal, ct);
}
