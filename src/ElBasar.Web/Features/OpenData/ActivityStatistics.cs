using System.Globalization;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Exchanges;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.OpenData;

/// <summary>How the activity is cut: by the parties' commune, their EPCI, or by month.</summary>
public enum ActivityBy { Commune, Epci, Month }

/// <summary>
/// The months an activity table covers, first and last included. Only finished months are published, and
/// places only by calendar year: with any period, subtracting two overlapping tables (or two downloads a
/// day apart) would give the activity of the days between them, small counts included.
/// </summary>
public readonly record struct ActivityPeriod(int FromMonth, int ToMonth)
{
    public const string ByKey = "by", FromKey = "from", ToKey = "to";
    const int MaxMonths = 120;

    public DateOnly FirstDay => new(FromMonth / 100, FromMonth % 100, 1);
    public DateOnly LastDay => new DateOnly(ToMonth / 100, ToMonth % 100, 1).AddMonths(1).AddDays(-1);

    public IEnumerable<int> Months()
    {
        for (var day = FirstDay; day <= LastDay; day = day.AddMonths(1)) yield return day.Year * 100 + day.Month;
    }

    public static string Text(int month) => $"{month / 100:0000}-{month % 100:00}";

    /// <summary>
    /// ?by=commune|epci|month&amp;from=YYYY-MM&amp;to=YYYY-MM. By month: finished months, the last twelve by default.
    /// By place: one finished calendar year (from January to December), the last one by default.
    /// </summary>
    public static (ActivityBy By, ActivityPeriod Period)? Parse(string? by, string? from, string? to, DateOnly today, Dictionary<string, string[]> errors)
    {
        ActivityBy kind = ActivityBy.Commune;
        switch (by?.Trim().ToLowerInvariant())
        {
            case "commune": kind = ActivityBy.Commune; break;
            case "epci": kind = ActivityBy.Epci; break;
            case "month" or "mois": kind = ActivityBy.Month; break;
            default: errors[ByKey] = ["« by » vaut commune, epci ou month."]; break;
        }
        var thisMonth = today.Year * 100 + today.Month;
        var lastFinished = Month(new DateOnly(today.Year, today.Month, 1).AddMonths(-1));
        int? f = Month(from, FromKey, errors), t = Month(to, ToKey, errors);
        if (errors.Count > 0) return null;
        if (kind == ActivityBy.Month)
        {
            var last = t ?? lastFinished;
            var first = f ?? Month(new DateOnly(last / 100, last % 100, 1).AddMonths(-11));
            if (last >= thisMonth) errors[ToKey] = [$"Seuls les mois terminés sont publiés : « to » vaut au plus {Text(lastFinished)}."];
            else if (last < first) errors[ToKey] = ["« to » doit venir après « from »."];
            else if ((last / 100 - first / 100) * 12 + last % 100 - first % 100 >= MaxMonths) errors[FromKey] = ["Dix ans au plus, soit 120 mois."];
            return errors.Count == 0 ? (kind, new ActivityPeriod(first, last)) : null;
        }
        var year = f is { } fromMonth ? fromMonth / 100 : t is { } toMonth ? toMonth / 100 : today.Year - 1;
        if (f is not null && f != year * 100 + 1 || t is not null && t != year * 100 + 12)
            errors[FromKey] = ["Par commune et par EPCI, les chiffres sont publiés par année civile : « from » vaut AAAA-01 et « to » AAAA-12, la même année."];
        else if (year >= today.Year) errors[ToKey] = [$"Seules les années terminées sont publiées : {today.Year - 1} au plus."];
        return errors.Count == 0 ? (kind, new ActivityPeriod(year * 100 + 1, year * 100 + 12)) : null;
    }

    static int Month(DateOnly day) => day.Year * 100 + day.Month;

    static int? Month(string? typed, string key, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        if (DateOnly.TryParseExact(typed.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year >= 2000)
            return Month(day);
        errors[key] = [$"« {key} » est un mois AAAA-MM, par exemple 2025-01."];
        return null;
    }
}

/// <summary>
/// The activity as open data: the confirmed exchanges of a scope (the installation, or those with a party member of
/// a network, from <see cref="ExchangeActivity"/>) counted by the parties' commune or EPCI, or by month, with the statistical secret applied (<see cref="StatisticalSecret"/>).
/// By place, an exchange counts once in each different place of its two parties (so lines may add up to more
/// than the network's total), and a place's organisations are its own parties only. The place is the
/// organisation's commune today; a party without a commune is counted in no place.
/// A network's table is counted with the whole site's from the same rows, so that its secret can hide a cell the site's
/// same cell would give back by subtraction.
/// </summary>
public sealed class ActivityStatistics(ExchangeActivity exchanges, ElBasarDbContext db, Territories territories)
{
    public async Task<IReadOnlyList<ActivityLine>> ComputeAsync(ActivityBy by, ActivityPeriod period, ImpactScope scope, CancellationToken ct)
    {
        var (whole, inScope) = await exchanges.ByPairAndMonthWithWholeAsync(period.FirstDay, period.LastDay, scope, ct);
        var ids = whole.SelectMany(r => new[] { r.FromOrganizationId, r.ToOrganizationId }).Distinct().ToList();
        var communes = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id))
            .Select(o => new { o.Id, o.CommuneInsee }).ToDictionaryAsync(o => o.Id, o => o.CommuneInsee, ct);
        var lines = Count(by, period, inScope, communes);
        return scope.Whole ? StatisticalSecret.Apply(lines) : StatisticalSecret.Apply(lines, Count(by, period, whole, communes));
    }

    /// <summary>The lines before the secret, sorted by key; <paramref name="communes"/> gives each party's commune.</summary>
    IReadOnlyList<ActivityCounts> Count(ActivityBy by, ActivityPeriod period, IReadOnlyList<PairMonthActivity> rows, Dictionary<Guid, string?> communes)
    {
        string? PlaceOf(Guid organization) => communes.GetValueOrDefault(organization) is { } code && territories.FindCommune(code) is { } commune
            ? by == ActivityBy.Epci ? commune.EpciCode : commune.Code
            : null;

        var sums = new Dictionary<string, Sum>();
        if (by == ActivityBy.Month)
            foreach (var month in period.Months()) sums[ActivityPeriod.Text(month)] = new Sum();
        foreach (var row in rows)
        {
            IEnumerable<(string Key, IEnumerable<Guid> Parties)> places = by == ActivityBy.Month
                ? [(ActivityPeriod.Text(row.Month), [row.FromOrganizationId, row.ToOrganizationId])]
                : new[] { row.FromOrganizationId, row.ToOrganizationId }.GroupBy(PlaceOf).Where(g => g.Key is not null).Select(g => (g.Key!, g.AsEnumerable()));
            foreach (var (key, parties) in places)
            {
                if (!sums.TryGetValue(key, out var sum)) sums[key] = sum = new Sum();
                sum.Add(row);
                sum.Organizations.UnionWith(parties);
            }
        }
        return sums.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new ActivityCounts(s.Key, Label(by, s.Key), s.Value.Market, s.Value.AmountCents, s.Value.NonMarket, s.Value.Minutes, s.Value.Organizations.Count))
            .ToList();
    }

    string Label(ActivityBy by, string key) => by switch
    {
        ActivityBy.Commune => territories.FindCommune(key)?.Name ?? key,
        ActivityBy.Epci => territories.FindEpci(key)?.Name ?? key,
        _ => new DateOnly(int.Parse(key[..4], CultureInfo.InvariantCulture), int.Parse(key[5..], CultureInfo.InvariantCulture), 1)
            .ToString("MMMM yyyy", WebModule.French),
    };

    /// <summary>The département of a commune, for the communes' file.</summary>
    public string? DepartementOf(string communeCode) => territories.FindCommune(communeCode)?.DepartementCode;

    /// <summary>The EPCI of a commune, for the communes' file.</summary>
    public string? EpciOf(string communeCode) => territories.FindCommune(communeCode)?.EpciCode;

    sealed class Sum
    {
        public int Market, NonMarket;
        public long AmountCents, Minutes;
        public HashSet<Guid> Organizations { get; } = [];

        public void Add(PairMonthActivity row)
        {
            if (row.Market) { Market += row.Exchanges; AmountCents += row.AmountCents; }
            else { NonMarket += row.Exchanges; Minutes += row.Minutes; }
        }
    }
}
