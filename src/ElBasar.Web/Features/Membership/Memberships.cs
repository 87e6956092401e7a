using System.Data.Common;
using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Directory.Charter;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ElBasar.Web.Features.Membership;

/// <summary>What an organisation's membership is today.</summary>
public enum MembershipState { None, Pending, Active, Expired }

/// <summary>An organisation's membership as the API and the pages show it.</summary>
public sealed record MembershipSummary(MembershipState Status, string Tier, string TierLabel, decimal FeeEur, DateOnly? ValidUntil, int? Year);

/// <summary>
/// Memberships: what each organisation owes and has paid, recorded by the facilitators. Recording a
/// payment makes the organisation a member of the network (and the membership job makes it a
/// former member once its last paid year is over); each paid fee gets the next receipt number of
/// the year, given by one UPDATE of the year's counter in the transaction that records the payment,
/// so two payments recorded at once never share a number and a failed one never burns one.
/// </summary>
public sealed class Memberships(ElBasarDbContext db, NetworkCharter charter, AuditLog audit, TimeProvider clock)
{
    public const decimal MaxFee = 100_000;

    /// <summary>What a facilitator types to record a payment; <paramref name="PaidOn"/> when it was paid before today (an import).</summary>
    public sealed record PaymentInput(int? Year, string? Method, decimal? Amount, string? Note, DateOnly? PaidOn = null);

    public DateOnly Today => DateOnly.FromDateTime(Display.ToParis(clock.GetUtcNow().UtcDateTime));

    public Task<List<MembershipTier>> TiersAsync(CancellationToken ct) =>
        db.MembershipTiers.AsNoTracking().OrderBy(t => t.AppliesTo).ToListAsync(ct);

    /// <summary>The tier the organisation falls in now, by its kind and headcount.</summary>
    public async Task<MembershipTier?> TierOfAsync(Guid organizationId, CancellationToken ct)
    {
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId)
            .Select(o => new { o.Kind, o.Employees }).SingleOrDefaultAsync(ct);
        return organization is null ? null : MembershipFees.TierFor(organization.Kind, organization.Employees, await TiersAsync(ct));
    }

    public Task<List<Membership>> HistoryAsync(Guid organizationId, CancellationToken ct) =>
        db.Memberships.AsNoTracking().Where(m => m.OrganizationId == organizationId).OrderByDescending(m => m.Year).ToListAsync(ct);

    /// <summary>Today's state: the paid year covering today, else a pending request, else the last paid year (expired), else none.</summary>
    public async Task<MembershipSummary?> SummaryAsync(Guid organizationId, CancellationToken ct)
    {
        if (await TierOfAsync(organizationId, ct) is not { } tier) return null;
        var history = await HistoryAsync(organizationId, ct);
        var today = Today;
        var current = history.FirstOrDefault(m => m.Status == MembershipStatus.Active && m.ValidUntil >= today && m.Year <= today.Year);
        var pending = history.FirstOrDefault(m => m.Status == MembershipStatus.Pending && m.ValidUntil >= today);
        var past = history.FirstOrDefault(m => m.Status == MembershipStatus.Active && m.ValidUntil < today);
        var tiers = await TiersAsync(ct);
        string Label(string slug) => tiers.FirstOrDefault(t => t.Slug == slug)?.Label ?? slug;
        return (current, pending, past) switch
        {
            ({ } m, _, _) => new MembershipSummary(MembershipState.Active, m.Tier, Label(m.Tier), m.FeeEur, m.ValidUntil, m.Year),
            (null, { } m, _) => new MembershipSummary(MembershipState.Pending, m.Tier, Label(m.Tier), m.FeeEur, m.ValidUntil, m.Year),
            (null, null, { } m) => new MembershipSummary(MembershipState.Expired, tier.Slug, tier.Label, tier.FeeEur, m.ValidUntil, m.Year),
            _ => new MembershipSummary(MembershipState.None, tier.Slug, tier.Label, tier.FeeEur, null, null),
        };
    }

    /// <summary>
    /// Records a year's fee as paid (or waived): the year's membership becomes active with its receipt
    /// number, and the organisation a member. Errors by field (<c>year</c>, <c>method</c>, <c>amount</c>, <c>note</c>), in French.
    /// </summary>
    public async Task<(Membership? Recorded, Dictionary<string, string[]> Errors)> RecordPaymentAsync(
        Guid organizationId, PaymentInput input, Guid recordedBy, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var today = Today;
        if (input.Year is not { } year || year < today.Year - 1 || year > today.Year + 1)
            errors["year"] = [$"Choisissez l'année de l'adhésion : {today.Year - 1}, {today.Year} ou {today.Year + 1}."];
        PaymentMethod method = default;
        if (!Slug.TryParse(input.Method, out method))
            errors["method"] = ["Choisissez comment la cotisation a été réglée : virement, chèque, espèces, ou exonérée."];
        if (input.Amount is { } amount && (amount < 0 || amount > MaxFee || decimal.Round(amount, 2) != amount))
            errors["amount"] = ["Le montant doit être un nombre d'euros positif, avec au plus deux décimales (par exemple 15 ou 12,50)."];
        var note = input.Note?.Trim();
        if (note is { Length: > Membership.MaxNoteLength })
            errors["note"] = [$"La note ne peut pas dépasser {Membership.MaxNoteLength} caractères."];
        if (await TierOfAsync(organizationId, ct) is not { } tier) return (null, errors);
        if (errors.Count > 0) return (null, errors);

        var y = input.Year!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        // Joins the caller's transaction when there is one (an imported row is saved whole or not at all).
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var transaction = db.Database.CurrentTransaction!;
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.OrganizationId == organizationId && m.Year == y, ct);
        if (membership?.Status == MembershipStatus.Active)
        {
            errors["year"] = [$"La cotisation {y} est déjà enregistrée (reçu {membership.ReceiptNumber ?? "sans reçu : exonérée"})."];
            return (null, errors);
        }
        var (fee, solidarity) = method == PaymentMethod.Waived ? (0m, true) : MembershipFees.FeeOf(tier, input.Amount);
        if (membership is null)
        {
            membership = new Membership { OrganizationId = organizationId, Year = y, ValidUntil = MembershipFees.EndOfYear(y), Tier = tier.Slug, RecordedAt = now };
            db.Memberships.Add(membership);
        }
        membership.Status = MembershipStatus.Active;
        (membership.Tier, membership.FeeEur, membership.Solidarity) = (tier.Slug, fee, solidarity);
        (membership.PaidWith, membership.PaidAt, membership.Note) = (method, PaidAt(input.PaidOn, now), note is { Length: > 0 } ? note : null);
        (membership.RecordedById, membership.RecordedAt) = (recordedBy, now);
        membership.CharterVersion = (await charter.LatestAcceptanceAsync(organizationId, ct))?.CharterVersion;
        if (method != PaymentMethod.Waived)
        {
            var paidYear = Display.ToParis(now).Year;
            membership.ReceiptNumber = $"{paidYear}-{await NextReceiptAsync(paidYear, transaction.GetDbTransaction(), ct):0000}";
        }
        var name = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Name).SingleAsync(ct);
        await audit.AddAsync(method == PaymentMethod.Waived ? AuditActions.MembershipWaived : AuditActions.MembershipRecorded,
            AuditSubjects.Organization, organizationId.ToString(), method == PaymentMethod.Waived
                ? $"Cotisation {y} de « {name} » exonérée."
                : $"Cotisation {y} de « {name} » enregistrée : {MembershipLabels.Amount(fee)} €, reçu {membership.ReceiptNumber}.", null, ct);
        await db.SaveChangesAsync(ct);
        if (membership.Year <= today.Year) await charter.SetMemberAsync(organizationId, true, ct);
        if (own is not null) await own.CommitAsync(ct);
        return (membership, errors);
    }

    // A day paid, without its hour, is kept at noon in Paris so it shows as that day.
    static DateTime PaidAt(DateOnly? paidOn, DateTime now) =>
        paidOn is { } day ? Display.FromParis(day.ToDateTime(new TimeOnly(12, 0))) : now;

    /// <summary>Whether the organisation paid a membership once, now over: a former member.</summary>
    public async Task<bool> FormerMemberAsync(Guid organizationId, CancellationToken ct)
    {
        var today = Today;
        return await db.Memberships.AnyAsync(m => m.OrganizationId == organizationId && m.Status == MembershipStatus.Active && m.ValidUntil < today, ct)
            && !await db.Memberships.AnyAsync(m => m.OrganizationId == organizationId && m.ValidUntil >= today, ct);
    }

    /// <summary>Asks for a year's membership (pending), at the fee of the organisation's tier; nothing when one exists.</summary>
    public async Task<Membership> RequestAsync(Guid organizationId, int year, CancellationToken ct)
    {
        if (await db.Memberships.SingleOrDefaultAsync(m => m.OrganizationId == organizationId && m.Year == year, ct) is { } existing) return existing;
        var tier = await TierOfAsync(organizationId, ct) ?? throw new InvalidOperationException("No such organisation.");
        var membership = new Membership
        {
            OrganizationId = organizationId, Year = year, ValidUntil = MembershipFees.EndOfYear(year), Status = MembershipStatus.Pending,
            Tier = tier.Slug, FeeEur = tier.FeeEur, RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Memberships.Add(membership);
        await db.SaveChangesAsync(ct);
        return membership;
    }

    async Task<int> NextReceiptAsync(int year, DbTransaction transaction, CancellationToken ct)
    {
        await ScalarAsync("INSERT INTO receipt_counters (year, last) VALUES (@year, 0) ON CONFLICT (year) DO NOTHING", year, transaction, ct);
        return Convert.ToInt32(await ScalarAsync("UPDATE receipt_counters SET last = last + 1 WHERE year = @year RETURNING last", year, transaction, ct));
    }

    async Task<object?> ScalarAsync(string sql, int year, DbTransaction transaction, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = ("@year", year);
        command.Parameters.Add(parameter);
        return await command.ExecuteScalarAsync(ct);
    }
}
