using System.Globalization;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>A period, both days included.</summary>
public readonly record struct ImpactPeriod(DateOnly From, DateOnly To)
{
    public const string FromKey = "from", ToKey = "to";

    /// <summary>Parses ?from=YYYY-MM-DD&amp;to=YYYY-MM-DD; missing ones default to the last twelve months up to today.</summary>
    public static ImpactPeriod? Parse(string? from, string? to, DateOnly today, Dictionary<string, string[]> errors)
    {
        DateOnly f = today.AddYears(-1).AddDays(1), t = today;
        if (!string.IsNullOrWhiteSpace(from) && !DateOnly.TryParseExact(from.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out f))
            errors[FromKey] = ["« from » est une date AAAA-MM-JJ, par exemple 2025-01-01."];
        if (!string.IsNullOrWhiteSpace(to) && !DateOnly.TryParseExact(to.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out t))
            errors[ToKey] = ["« to » est une date AAAA-MM-JJ, par exemple 2025-12-31."];
        if (errors.Count == 0 && t < f) errors[ToKey] = ["« to » doit venir après « from »."];
        if (errors.Count == 0 && t.DayNumber - f.DayNumber > 366 * 50) errors[FromKey] = ["La période est trop longue (50 ans au plus)."];
        return errors.Count == 0 ? new ImpactPeriod(f, t) : null;
    }

    public string Query => $"from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}".Replace('/', '-');

    /// <summary>
    /// The whole finished months this period touches, as the public page counts them: from the first day of
    /// <see cref="From"/>'s month to the last day of <see cref="To"/>'s, and no later than the end of the month before
    /// <paramref name="today"/>'s (the last finished one, alone when the period lies within today's month). Two periods
    /// then differ by whole months at least, so no one reads a day's exchanges by subtracting one page from another.
    /// </summary>
    public ImpactPeriod WholeFinishedMonths(DateOnly today)
    {
        var lastFinished = new DateOnly(today.Year, today.Month, 1).AddDays(-1);
        var to = new DateOnly(To.Year, To.Month, 1).AddMonths(1).AddDays(-1);
        if (to > lastFinished) to = lastFinished;
        var from = new DateOnly(From.Year, From.Month, 1);
        return new ImpactPeriod(from <= to ? from : new DateOnly(to.Year, to.Month, 1), to);
    }
}

/// <summary>One line of a series: its key (a slug, a code or yyyy-MM), its French label and its figures.</summary>
public sealed record ImpactLine(string Key, string Label, int Exchanges, decimal MarketAmountEur, decimal NonMarketHours, decimal NonMarketValueEur);

/// <summary>The confirmed exchanges of a period, counted (contracts/interfaces.md, GET /api/v1/impact).</summary>
public sealed record ImpactFigures(
    string From, string To,
    int Exchanges, decimal MarketAmountEur, decimal NonMarketHours, decimal NonMarketValueEur,
    int OrganizationsInvolved, int MembersActive, int Members, double MembersActiveShare,
    int DistinctPairs, int NewPairs, double? AverageDistanceKm,
    IReadOnlyList<ImpactLine> ByMonth, IReadOnlyList<ImpactLine> ByCategory, IReadOnlyList<ImpactLine> ByMode,
    IReadOnlyList<ImpactLine> ByTerritory, IReadOnlyList<ImpactLine> ByEpci, IReadOnlyList<ImpactLine> ByDepartement,
    IReadOnlyList<ImpactLine> ByLegalForm);

/// <summary>A link of the network picture: two organisations and their confirmed exchanges in the period.</summary>
public sealed record ImpactLink(Guid A, string AName, double? ALat, double? ALon, Guid B, string BName, double? BLat, double? BLon, int Exchanges);

/// <summary>An organisation that agreed to be named on the public page, and its confirmed exchanges in the period.</summary>
public sealed record ImpactNamed(Guid Id, string Name, int Exchanges);

/// <summary>
/// The impact dashboard's figures. The whole months of the period are read from the monthly roll-ups
/// (<see cref="ImpactRollups"/>), its partial first and last months from the confirmed exchanges
/// themselves (index on status and date); the pairs are one GROUP BY on an integer key over the
/// period. Each read returns at most a few thousand groups (the pairs: one per pair), summed up here.
/// A network's figures (<see cref="ImpactScope"/>) read its exchanges only: those with a member party.
/// <para>Territories: an exchange is "in the Lille metropolis" when both parties are in it, "between
/// the metropolis and elsewhere" when one is, "outside the metropolis" when neither is (or a place is
/// unknown). By EPCI, by département and by legal form, an exchange counts once for each different
/// place or form of its two parties, so those lines may add up to more than the total.</para>
/// </summary>
public sealed class ImpactReport(
    ElBasarDbContext db, IServiceScopeFactory scopes, ImpactRollups rollups, Taxonomy taxonomy, Territories territories)
{
    public const string InLille = "lille", LilleAndElsewhere = "lille-autre", OutsideLille = "hors-lille", Unknown = "inconnu";

    static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    static IQueryable<Exchange> Confirmed(ElBasarDbContext db, DateOnly from, DateOnly to, ImpactScope scope) =>
        scope.Filter(db.Exchanges.AsNoTracking().Where(e => e.Status == ExchangeStatus.Confirmed && e.Date >= from && e.Date <= to), db);

    /// <summary>
    /// The figures of the period for <paramref name="scope"/>. The roll-ups sum the whole installation, so a network's
    /// figures are read from its exchanges alone (those with a member party), the whole period as one edge.
    /// </summary>
    public async Task<ImpactFigures> ComputeAsync(ImpactPeriod period, ImpactScope scope, CancellationToken ct)
    {
        await rollups.RefreshAsync(ct);
        var (months, edges) = scope.Whole ? Split(period) : (null, [(period.From, period.To)]);

        // The four reads are independent: each runs on its own connection, at the same time (SQLite's WAL
        // lets readers share the file), so the dashboard waits for the longest, not for their sum.
        // Whole months come from the roll-ups, the days at the ends from the exchanges.
        // 1. By month, mode and category.
        var cellsTask = InScopeAsync(async db =>
        {
            var cells = months is var (first, last)
                ? await db.ExchangeMonthCells.AsNoTracking().Where(c => c.Month >= first && c.Month <= last)
                    .Select(c => new Cell(c.Month, c.Mode, c.Category, c.Market, c.Exchanges, c.AmountCents, c.Minutes, c.EstimatedValueCents,
                        c.NewPairs, c.DistanceKm, c.WithDistance)).ToListAsync(ct)
                : [];
            foreach (var (from, to) in edges)
                cells.AddRange(await Confirmed(db, from, to, scope).GroupBy(e => new { e.Month, e.Mode, e.Category, e.Market })
                    .Select(g => new Cell(g.Key.Month, g.Key.Mode, g.Key.Category, g.Key.Market, g.Count(),
                        g.Sum(e => e.AmountCents ?? 0), g.Sum(e => (long)(e.Minutes ?? 0)), g.Sum(e => e.EstimatedValueCents ?? 0),
                        g.Sum(e => e.FirstOfPair ? 1 : 0), g.Sum(e => e.DistanceKm ?? 0), g.Count(e => e.DistanceKm != null)))
                    .ToListAsync(ct));
            return cells;
        });

        // 2. By both parties' places.
        var placesTask = InScopeAsync(async db =>
        {
            var places = months is var (first, last)
                ? await db.ExchangeMonthPlaces.AsNoTracking().Where(p => p.Month >= first && p.Month <= last)
                    .GroupBy(p => new { p.FromEpci, p.ToEpci, p.FromDepartement, p.ToDepartement, p.Market })
                    .Select(g => new Place(g.Key.FromEpci, g.Key.ToEpci, g.Key.FromDepartement, g.Key.ToDepartement, g.Key.Market,
                        g.Sum(p => p.Exchanges), g.Sum(p => p.AmountCents), g.Sum(p => p.Minutes), g.Sum(p => p.EstimatedValueCents))).ToListAsync(ct)
                : [];
            foreach (var (from, to) in edges)
                places.AddRange(await Confirmed(db, from, to, scope).GroupBy(e => new { e.FromEpci, e.ToEpci, e.FromDepartement, e.ToDepartement, e.Market })
                    .Select(g => new Place(g.Key.FromEpci, g.Key.ToEpci, g.Key.FromDepartement, g.Key.ToDepartement, g.Key.Market, g.Count(),
                        g.Sum(e => e.AmountCents ?? 0), g.Sum(e => (long)(e.Minutes ?? 0)), g.Sum(e => e.EstimatedValueCents ?? 0)))
                    .ToListAsync(ct));
            return places;
        });

        // 3. By both parties' legal forms.
        var formsTask = InScopeAsync(async db =>
        {
            var forms = months is var (first, last)
                ? await db.ExchangeMonthForms.AsNoTracking().Where(f => f.Month >= first && f.Month <= last)
                    .GroupBy(f => new { f.FromLegalForm, f.ToLegalForm, f.Market })
                    .Select(g => new Form(g.Key.FromLegalForm, g.Key.ToLegalForm, g.Key.Market,
                        g.Sum(f => f.Exchanges), g.Sum(f => f.AmountCents), g.Sum(f => f.Minutes), g.Sum(f => f.EstimatedValueCents)))
                    .ToListAsync(ct)
                : [];
            foreach (var (from, to) in edges)
                forms.AddRange(await Confirmed(db, from, to, scope).GroupBy(e => new { e.FromLegalForm, e.ToLegalForm, e.Market })
                    .Select(g => new Form(g.Key.FromLegalForm, g.Key.ToLegalForm, g.Key.Market, g.Count(),
                        g.Sum(e => e.AmountCents ?? 0), g.Sum(e => (long)(e.Minutes ?? 0)), g.Sum(e => e.EstimatedValueCents ?? 0)))
                    .ToListAsync(ct));
            return forms;
        });

        // 4. The pairs and their exchanges: the distinct pairs, the organisations involved (both ends of a pair), the heaviest links.
        var pairsTask = InScopeAsync(db => !scope.Whole ? NetworkPairsAsync(db, period, scope, ct)
            : db.Database.IsSqlite() ? SqlitePairsAsync(db, period, ct) : PostgresPairsAsync(db, period, ct));
        await Task.WhenAll(cellsTask, placesTask, formsTask, pairsTask);
        var (cells, places, forms, pairs) = (cellsTask.Result, placesTask.Result, formsTask.Result, pairsTask.Result);

        var byParty = new Dictionary<int, int>();
        foreach (var pair in pairs)
        {
            var (low, high) = ExchangeParty.OfKey(pair.Key);
            byParty[low] = byParty.GetValueOrDefault(low) + pair.Count;
            byParty[high] = byParty.GetValueOrDefault(high) + pair.Count;
        }
        _computed = (period, scope, pairs.OrderByDescending(p => p.Count).ThenBy(p => p.Key).Take(LinksKept).ToList(), byParty);

        var memberOrganizations = scope.MemberOrganizations(db);
        var members = await memberOrganizations.CountAsync(ct);
        var memberNumbers = await db.ExchangeParties.AsNoTracking()
            .Where(p => memberOrganizations.Contains(p.OrganizationId))
            .Select(p => p.Number).ToListAsync(ct);
        var active = memberNumbers.Count(byParty.ContainsKey);

        var total = Sum(cells.Select(c => (c.Market, c.Count, c.Cents, c.Minutes, c.ValueCents)));
        var distanceCount = cells.Sum(c => c.WithDistance);
        var monthKeys = MonthsOf(period);
        var byMonth = monthKeys.Select(m => Line($"{m / 100:0000}-{m % 100:00}", MonthLabel(m),
            cells.Where(c => c.Month == m).Select(c => (c.Market, c.Count, c.Cents, c.Minutes, c.ValueCents)))).ToList();
        var byMode = taxonomy.ExchangeModes.Select(mode => Line(mode.Slug, mode.Label,
            cells.Where(c => c.Mode == mode.Slug).Select(c => (c.Market, c.Count, c.Cents, c.Minutes, c.ValueCents)))).ToList();
        var byCategory = taxonomy.Categories.Select(category => Line(category.Slug, category.Label,
            cells.Where(c => c.Category == category.Slug).Select(c => (c.Market, c.Count, c.Cents, c.Minutes, c.ValueCents)))).ToList();

        var byTerritory = new[]
        {
            (InLille, "Dans la Métropole européenne de Lille (les deux partenaires)"),
            (LilleAndElsewhere, "Entre la Métropole européenne de Lille et un autre EPCI"),
            (OutsideLille, "Hors de la Métropole européenne de Lille (aucun partenaire)"),
        }.Select(t => Line(t.Item1, t.Item2, places.Where(p => Scope(p) == t.Item1).Select(p => (p.Market, p.Count, p.Cents, p.Minutes, p.ValueCents)))).ToList();

        var byEpci = places.SelectMany(p => Distinct(p.FromEpci, p.ToEpci).Select(code => (code, p)))
            .GroupBy(x => x.code)
            .Select(g => Line(g.Key ?? Unknown, g.Key is { } c ? territories.FindEpci(c)?.Name ?? c : "EPCI inconnu",
                g.Select(x => (x.p.Market, x.p.Count, x.p.Cents, x.p.Minutes, x.p.ValueCents))))
            .OrderByDescending(l => l.Key == LilleMetropolisKey).ThenByDescending(l => l.Exchanges).ThenBy(l => l.Label, StringComparer.Create(French, true)).ToList();
        var byDepartement = places.SelectMany(p => Distinct(p.FromDepartement, p.ToDepartement).Select(code => (code, p)))
            .GroupBy(x => x.code)
            .Select(g => Line(g.Key ?? Unknown, g.Key is { } c ? $"{territories.FindDepartement(c)?.Name ?? c} ({c})" : "Département inconnu",
                g.Select(x => (x.p.Market, x.p.Count, x.p.Cents, x.p.Minutes, x.p.ValueCents))))
            .OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
        var byLegalForm = forms.SelectMany(f => Distinct(f.From, f.To).Select(form => (form, f)))
            .GroupBy(x => x.form)
            .Select(g => Line(g.Key ?? Unknown, g.Key is { } s ? taxonomy.LegalFormLabel(s) : "Forme juridique non précisée",
                g.Select(x => (x.f.Market, x.f.Count, x.f.Cents, x.f.Minutes, x.f.ValueCents))))
            .OrderByDescending(l => l.Exchanges).ThenBy(l => l.Label, StringComparer.Create(French, true)).ToList();

        return new ImpactFigures(
            period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            total.Exchanges, total.MarketAmountEur, total.NonMarketHours, total.NonMarketValueEur,
            byParty.Count, active, members, members == 0 ? 0 : Math.Round((double)active / members, 4),
            pairs.Count, cells.Sum(c => c.NewPairs), distanceCount == 0 ? null : Math.Round(cells.Sum(c => c.DistanceKm) / distanceCount, 1),
            byMonth, byCategory, byMode, byTerritory, byEpci, byDepartement, byLegalForm);
    }

    const string LilleMetropolisKey = ExchangeLedger.LilleMetropolis;

    const int LinksKept = 500;

    /// <summary>
    /// A read on its own connection, on the thread pool: SQLite's "async" calls run synchronously, so
    /// without it the reads would follow one another instead of sharing the cores.
    /// </summary>
    Task<T> InScopeAsync<T>(Func<ElBasarDbContext, Task<T>> query) => Task.Run(async () =>
    {
        await using var scope = scopes.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ElBasarDbContext>());
    });

    /// <summary>
    /// SQLite: the pairs index walked in key order (status, pair_key, date) groups without sorting; the
    /// planner would rather take the date index and sort hundreds of thousands of keys, so it is named.
    /// Read with a plain reader: one row per pair, a few hundred thousand over years.
    /// </summary>
    static async Task<List<PairCount>> SqlitePairsAsync(ElBasarDbContext db, ImpactPeriod period, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT pair_key, COUNT(*) FROM exchanges INDEXED BY ix_exchanges_impact_pairs
                WHERE status = 'confirmed' AND date >= $from AND date <= $to GROUP BY pair_key
                """;
            var from = command.CreateParameter();
            (from.ParameterName, from.Value) = ("$from", period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            var to = command.CreateParameter();
            (to.ParameterName, to.Value) = ("$to", period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            command.Parameters.Add(from);
            command.Parameters.Add(to);
            var pairs = new List<PairCount>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) pairs.Add(new PairCount(reader.GetInt64(0), reader.GetInt32(1)));
            return pairs;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>PostgreSQL: an index-only scan of the pairs index, grouped as it goes; room in memory should it hash instead.</summary>
    static async Task<List<PairCount>> PostgresPairsAsync(ElBasarDbContext db, ImpactPeriod period, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL work_mem = '64MB'", ct);
        return await Confirmed(db, period.From, period.To, ImpactScope.Installation).GroupBy(e => e.PairKey).Select(g => new PairCount(g.Key, g.Count())).ToListAsync(ct);
    }

    /// <summary>A network's pairs: its exchanges only, grouped by pair; a network is a small part of the installation.</summary>
    static Task<List<PairCount>> NetworkPairsAsync(ElBasarDbContext db, ImpactPeriod period, ImpactScope scope, CancellationToken ct) =>
        Confirmed(db, period.From, period.To, scope).GroupBy(e => e.PairKey).Select(g => new PairCount(g.Key, g.Count())).ToListAsync(ct);

    /// <summary>The period and scope of the last <see cref="ComputeAsync"/>, its heaviest pairs and each organisation's exchanges, for the pages that follow it.</summary>
    (ImpactPeriod Period, ImpactScope Scope, IReadOnlyList<PairCount> Heaviest, IReadOnlyDictionary<int, int> ByParty)? _computed;

    /// <summary>
    /// The heaviest links between organisations in the period, with their places, for the graph and the map;
    /// from the pairs <see cref="ComputeAsync"/> just counted for the same period when it did.
    /// </summary>
    public async Task<IReadOnlyList<ImpactLink>> LinksAsync(ImpactPeriod period, ImpactScope scope, int max, CancellationToken ct)
    {
        var top = (_computed is { } kept && kept.Period == period && kept.Scope == scope && max <= LinksKept ? kept.Heaviest
                : await Confirmed(db, period.From, period.To, scope).GroupBy(e => e.PairKey)
                    .Select(g => new PairCount(g.Key, g.Count()))
                    .OrderByDescending(x => x.Count).ThenBy(x => x.Key).Take(max).ToListAsync(ct))
            .Take(max).Select(p => (Pair: ExchangeParty.OfKey(p.Key), p.Count)).ToList();
        var numbers = top.SelectMany(t => new[] { t.Pair.Low, t.Pair.High }).Distinct().ToList();
        var organizations = await (
                from party in db.ExchangeParties.AsNoTracking()
                join o in db.Organizations.AsNoTracking() on party.OrganizationId equals o.Id
                where numbers.Contains(party.Number)
                select new { party.Number, o.Id, o.Name, o.Latitude, o.Longitude })
            .ToDictionaryAsync(o => o.Number, ct);
        return top.Where(t => organizations.ContainsKey(t.Pair.Low) && organizations.ContainsKey(t.Pair.High)).Select(t =>
        {
            var a = organizations[t.Pair.Low];
            var b = organizations[t.Pair.High];
            return new ImpactLink(a.Id, a.Name, a.Latitude, a.Longitude, b.Id, b.Name, b.Latitude, b.Longitude, t.Count);
        }).ToList();
    }

    /// <summary>
    /// The organisations that agreed to be named on the public page (<see cref="ImpactConsent"/>) and took part in
    /// confirmed exchanges in the period, most exchanges first; from <see cref="ComputeAsync"/>'s count for the same period and scope.
    /// </summary>
    public async Task<IReadOnlyList<ImpactNamed>> NamedAsync(ImpactPeriod period, ImpactScope scope, int max, CancellationToken ct)
    {
        if (_computed is not { } kept || kept.Period != period || kept.Scope != scope)
            throw new InvalidOperationException("NamedAsync follows ComputeAsync for the same period and scope.");
        var agreed = await (
                from consent in db.ImpactConsents.AsNoTracking()
                join party in db.ExchangeParties.AsNoTracking() on consent.OrganizationId equals party.OrganizationId
                join o in db.Organizations.AsNoTracking() on consent.OrganizationId equals o.Id
                select new { party.Number, o.Id, o.Name })
            .ToListAsync(ct);
        return agreed.Where(a => kept.ByParty.ContainsKey(a.Number))
            .Select(a => new ImpactNamed(a.Id, a.Name, kept.ByParty[a.Number]))
            .OrderByDescending(n => n.Exchanges).ThenBy(n => n.Name, StringComparer.Create(French, true))
            .Take(max).ToList();
    }

    sealed record PairCount(long Key, int Count);

    /// <summary>The whole months inside the period (yyyymm, both included) and the days at its ends outside them.</summary>
    public static ((int First, int Last)? Months, IReadOnlyList<(DateOnly From, DateOnly To)> Edges) Split(ImpactPeriod period)
    {
        var firstWhole = new DateOnly(period.From.Year, period.From.Month, 1);
        if (period.From.Day != 1) firstWhole = firstWhole.AddMonths(1);
        var afterLastWhole = new DateOnly(period.To.Year, period.To.Month, 1);
        if (period.To.AddDays(1).Day == 1) afterLastWhole = afterLastWhole.AddMonths(1);
        if (firstWhole >= afterLastWhole) return (null, [(period.From, period.To)]);
        var edges = new List<(DateOnly, DateOnly)>();
        if (period.From < firstWhole) edges.Add((period.From, firstWhole.AddDays(-1)));
        if (afterLastWhole <= period.To) edges.Add((afterLastWhole, period.To));
        var lastWhole = afterLastWhole.AddMonths(-1);
        return ((firstWhole.Year * 100 + firstWhole.Month, lastWhole.Year * 100 + lastWhole.Month), edges);
    }

    static string Scope(Place p)
    {
        var a = p.FromEpci == LilleMetropolisKey;
        var b = p.ToEpci == LilleMetropolisKey;
        return a && b ? InLille : a || b ? LilleAndElsewhere : OutsideLille;
    }

    static IEnumerable<string?> Distinct(string? a, string? b) => a == b ? [a] : [a, b];

    public static IReadOnlyList<int> MonthsOf(ImpactPeriod period)
    {
        var months = new List<int>();
        for (var m = new DateOnly(period.From.Year, period.From.Month, 1); m <= period.To; m = m.AddMonths(1))
            months.Add(m.Year * 100 + m.Month);
        return months;
    }

    static string MonthLabel(int month) => new DateOnly(month / 100, month % 100, 1).ToString("MMMM yyyy", French);

    static ImpactLine Line(string key, string label, IEnumerable<(bool Market, int Count, long Cents, long Minutes, long ValueCents)> rows)
    {
        var sum = Sum(rows);
        return new ImpactLine(key, label, sum.Exchanges, sum.MarketAmountEur, sum.NonMarketHours, sum.NonMarketValueEur);
    }

    static (int Exchanges, decimal MarketAmountEur, decimal NonMarketHours, decimal NonMarketValueEur) Sum(
        IEnumerable<(bool Market, int Count, long Cents, long Minutes, long ValueCents)> rows)
    {
        int count = 0;
        long market = 0, minutes = 0, value = 0;
        foreach (var r in rows)
        {
            count += r.Count;
            if (r.Market) market += r.Cents;
            else
            {
                minutes += r.Minutes;
                value += r.ValueCents;
            }
        }
        return (count, market / 100m, Math.Round(minutes / 60m, 2), value / 100m);
    }

    sealed record Cell(int Month, string Mode, string Category, bool Market, int Count, long Cents, long Minutes, long ValueCents,
        int NewPairs, double DistanceKm, int WithDistance);

    sealed record Place(string? FromEpci, string? ToEpci, string? FromDepartement, string? ToDepartement, bool Market, int Count,
        long Cents, long Minutes, long ValueCents);

    sealed record Form(string? From, string? To, bool Market, int Count, long Cents, long Minutes, long ValueCents);
}
