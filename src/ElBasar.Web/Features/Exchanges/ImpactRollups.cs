using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>The small number an organisation gets when it first takes part in an exchange (see <see cref="Exchange.PairKey"/>).</summary>
public sealed class ExchangeParty
{
    public int Number { get; init; }
    public Guid OrganizationId { get; init; }

    /// <summary>The key of the pair of two numbers: the lower organisation id's number first.</summary>
    public static long PairKey(int low, int high) => (long)low * KeySpan + high;

    public static (int Low, int High) OfKey(long key) => ((int)(key / KeySpan), (int)(key % KeySpan));

    /// <summary>2²²: room for four million organisations.</summary>
    const long KeySpan = 4_194_304;
}

/// <summary>The confirmed exchanges of a month by mode and category: as many rows per month as the combinations used.</summary>
public sealed class MonthCell
{
    public int Month { get; init; }
    public required string Mode { get; init; }
    public required string Category { get; init; }
    public bool Market { get; init; }
    public int Exchanges { get; init; }
    public long AmountCents { get; init; }
    public long Minutes { get; init; }
    public long EstimatedValueCents { get; init; }
    public int NewPairs { get; init; }
    public double DistanceKm { get; init; }
    public int WithDistance { get; init; }
}

/// <summary>The confirmed exchanges of a month by both parties' EPCI and département.</summary>
public sealed class MonthPlace
{
    public int Month { get; init; }
    public string? FromEpci { get; init; }
    public string? ToEpci { get; init; }
    public string? FromDepartement { get; init; }
    public string? ToDepartement { get; init; }
    public bool Market { get; init; }
    public int Exchanges { get; init; }
    public long AmountCents { get; init; }
    public long Minutes { get; init; }
    public long EstimatedValueCents { get; init; }
}

/// <summary>The confirmed exchanges of a month by both parties' legal forms.</summary>
public sealed class MonthForm
{
    public int Month { get; init; }
    public string? FromLegalForm { get; init; }
    public string? ToLegalForm { get; init; }
    public bool Market { get; init; }
    public int Exchanges { get; init; }
    public long AmountCents { get; init; }
    public long Minutes { get; init; }
    public long EstimatedValueCents { get; init; }
}

/// <summary>An organisation agreed to be named on the public impact page.</summary>
public sealed class ImpactConsent
{
    public Guid OrganizationId { get; init; }
    public DateTime AgreedAt { get; init; }
    public Guid? AgreedById { get; init; }
}

/// <summary>
/// The monthly roll-ups of the confirmed exchanges, which the dashboard reads for the whole months of
/// a period. Triggers on <c>exchanges</c> mark a month stale in <c>exchange_stale_months</c> whenever a
/// confirmed exchange of it is added, changed or removed (whatever changed it: the ledger, a merge of
/// organisations, an import); <see cref="RefreshAsync"/> sums each stale month again, in its own
/// transaction, and only the node that takes the month's stale mark does it.
/// </summary>
public sealed class ImpactRollups(ElBasarDbContext db)
{
    /// <summary>Sums up again the months marked stale since the last time; a few milliseconds when none is.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        var stale = await db.Database.SqlQuery<int>($"SELECT month AS \"Value\" FROM exchange_stale_months ORDER BY month").ToListAsync(ct);
        foreach (var month in stale) await RefreshMonthAsync(month, ct);
    }

    async Task RefreshMonthAsync(int month, CancellationToken ct)
    {
        var first = new DateOnly(month / 100, month % 100, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Taking the mark waits for any exchange change of the month still in flight; a change after it marks the month again.
            // The month is given, not read: each sum is then covered by one of the dashboard's indexes.
            if (await db.Database.ExecuteSqlAsync($"DELETE FROM exchange_stale_months WHERE month = {month}", ct) == 0) return;
            await db.Database.ExecuteSqlAsync($"DELETE FROM exchange_month_cells WHERE month = {month}", ct);
            await db.Database.ExecuteSqlAsync($"DELETE FROM exchange_month_places WHERE month = {month}", ct);
            await db.Database.ExecuteSqlAsync($"DELETE FROM exchange_month_forms WHERE month = {month}", ct);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO exchange_month_cells (month, mode, category, market, exchanges, amount_cents, minutes, estimated_value_cents,
                                                  new_pairs, distance_km, with_distance)
                SELECT {month}, mode, category, market, COUNT(*), COALESCE(SUM(amount_cents), 0), COALESCE(SUM(minutes), 0),
                       COALESCE(SUM(estimated_value_cents), 0), SUM(CASE WHEN first_of_pair THEN 1 ELSE 0 END),
                       COALESCE(SUM(distance_km), 0), COUNT(distance_km)
                FROM exchanges WHERE status = 'confirmed' AND date >= {first} AND date <= {last}
                GROUP BY mode, category, market
                """, ct);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO exchange_month_places (month, from_epci, to_epci, from_departement, to_departement, market, exchanges,
                                                   amount_cents, minutes, estimated_value_cents)
                SELECT {month}, from_epci, to_epci, from_departement, to_departement, market, COUNT(*),
                       COALESCE(SUM(amount_cents), 0), COALESCE(SUM(minutes), 0), COALESCE(SUM(estimated_value_cents), 0)
                FROM exchanges WHERE status = 'confirmed' AND date >= {first} AND date <= {last}
                GROUP BY from_epci, to_epci, from_departement, to_departement, market
                """, ct);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO exchange_month_forms (month, from_legal_form, to_legal_form, market, exchanges, amount_cents, minutes, estimated_value_cents)
                SELECT {month}, from_legal_form, to_legal_form, market, COUNT(*),
                       COALESCE(SUM(amount_cents), 0), COALESCE(SUM(minutes), 0), COALESCE(SUM(estimated_value_cents), 0)
                FROM exchanges WHERE status = 'confirmed' AND date >= {first} AND date <= {last}
                GROUP BY from_legal_form, to_legal_form, market
                """, ct);
            await transaction.CommitAsync(ct);
        });
    }

    /// <summary>The number of each organisation, given one the first time it takes part in an exchange.</summary>
    public async Task<int> NumberOfAsync(Guid organizationId, CancellationToken ct)
    {
        if (await db.ExchangeParties.Where(p => p.OrganizationId == organizationId).Select(p => (int?)p.Number).SingleOrDefaultAsync(ct) is { } known)
            return known;
        await db.Database.ExecuteSqlAsync($"INSERT INTO exchange_parties (organization_id) VALUES ({organizationId}) ON CONFLICT (organization_id) DO NOTHING", ct);
        return await db.ExchangeParties.Where(p => p.OrganizationId == organizationId).Select(p => p.Number).SingleAsync(ct);
    }
}

sealed class ImpactRollupsConfiguration :
    IEntityTypeConfiguration<ExchangeParty>, IEntityTypeConfiguration<MonthCell>, IEntityTypeConfiguration<MonthPlace>,
    IEntityTypeConfiguration<MonthForm>, IEntityTypeConfiguration<ImpactConsent>
{
    public void Configure(EntityTypeBuilder<ExchangeParty> e)
    {
        e.ToTable("exchange_parties");
        e.HasKey(x => x.Number);
        e.Property(x => x.Number).ValueGeneratedOnAdd();
        e.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.OrganizationId).IsUnique();
    }

    public void Configure(EntityTypeBuilder<MonthCell> e)
    {
        e.ToTable("exchange_month_cells");
        e.HasNoKey();
        e.HasIndex(x => x.Month);
    }

    public void Configure(EntityTypeBuilder<MonthPlace> e)
    {
        e.ToTable("exchange_month_places");
        e.HasNoKey();
        e.HasIndex(x => x.Month);
    }

    public void Configure(EntityTypeBuilder<MonthForm> e)
    {
        e.ToTable("exchange_month_forms");
        e.HasNoKey();
        e.HasIndex(x => x.Month);
    }

    public void Configure(EntityTypeBuilder<ImpactConsent> e)
    {
        e.ToTable("impact_consents");
        e.HasKey(x => x.OrganizationId);
        e.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Accounts.User>().WithMany().HasForeignKey(x => x.AgreedById).OnDelete(DeleteBehavior.SetNull);
    }
}
