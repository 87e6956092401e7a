using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Directory.Charter;
using ElBasar.Web.Features.Directory.Editing;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Membership.Import;

public enum RowOutcome { Create, Update, Unchanged, Error }

/// <summary>What importing one row does: its outcome, the organisation it updates, what changes, or its problems.</summary>
public sealed record PlannedRow(MemberLine Line, RowOutcome Outcome, Guid? OrganizationId, IReadOnlyList<string> Changes)
{
    public IReadOnlyList<string> Problems => Line.Problems;
}

/// <summary>The counts an import reports.</summary>
public sealed record ImportCounts(int Created, int Updated, int Unchanged, int Errors);

/// <summary>
/// Imports members from a spreadsheet. The preview (a dry run) and the import share one plan: each row
/// is matched with an organisation already known by its SIRET, else its e-mail, else its name and
/// postal code, so importing a file again updates instead of duplicating. The import saves each row
/// whole or not at all: the organisation (a member of the home network when new), its details, and
/// its year's membership through <see cref="Memberships"/>, so receipts are numbered as usual.
/// </summary>
public sealed class MemberImport(
    ElBasarDbContext db, Memberships memberships, NetworkCharter charter, Taxonomy taxonomy, Territories territories, TimeProvider clock)
{
    public const int MaxRows = 5000;

    sealed record Known(Guid Id, string Name, string? LegalForm, string? Email, string? Phone, string? PostalCode, string? CommuneInsee,
        int? Employees, string? Siret, string? Address, string? Contact);

    public async Task<List<PlannedRow>> PlanAsync(Sheet sheet, IReadOnlyList<MemberField> mapping, CancellationToken ct)
    {
        var today = memberships.Today;
        var lines = new MemberLineReader(taxonomy, territories, today.Year, today).Read(sheet, mapping);
        var known = await (from o in db.Organizations.AsNoTracking()
                           join d in db.MemberDetails on o.Id equals d.OrganizationId into details
                           from d in details.DefaultIfEmpty()
                           select new Known(o.Id, o.Name, o.LegalForm, o.Email, o.Phone, o.PostalCode, o.CommuneInsee, o.Employees,
                               d == null ? null : d.Siret, d == null ? null : d.Address, d == null ? null : d.ContactName)).ToListAsync(ct);
        var bySiret = known.Where(k => k.Siret is not null).ToDictionary(k => k.Siret!);
        var byEmail = known.Where(k => k.Email is not null).GroupBy(k => k.Email!.ToLowerInvariant())
            .Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single());
        var byName = known.GroupBy(k => (SearchText.Normalize(k.Name), k.PostalCode)).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single());
        var ids = known.Select(k => k.Id).ToList();
        var years = lines.Where(l => l.Year is not null).Select(l => l.Year!.Value).Distinct().ToList();
        var memberYears = (await db.Memberships.AsNoTracking().Where(m => years.Contains(m.Year))
            .Select(m => new { m.OrganizationId, m.Year, m.Status }).ToListAsync(ct)).ToDictionary(m => (m.OrganizationId, m.Year), m => m.Status);

        var claimed = new Dictionary<Guid, int>();
        var plan = new List<PlannedRow>(lines.Count);
        foreach (var line in lines)
        {
            if (line.Problems.Count > 0)
            {
                plan.Add(new PlannedRow(line, RowOutcome.Error, null, []));
                continue;
            }
            var match = line.Siret is not null && bySiret.TryGetValue(line.Siret, out var s) ? s
                : line.Email is not null && byEmail.TryGetValue(line.Email.ToLowerInvariant(), out var e) && (line.Siret is null || e.Siret is null) ? e
                : byName.TryGetValue((line.NameKey, line.PostalCode), out var n) && (line.Siret is null || n.Siret is null) ? n
                : null;
            if (match is not null && !claimed.TryAdd(match.Id, line.Line))
            {
                plan.Add(new PlannedRow(line with { Problems = [$"désigne la même structure que la ligne {claimed[match.Id]} (« {match.Name} »)"] },
                    RowOutcome.Error, null, []));
                continue;
            }
            var membership = MembershipChange(line, match is null ? null : memberYears.GetValueOrDefault((match.Id, line.Year ?? 0)));
            if (match is null)
            {
                plan.Add(new PlannedRow(line, RowOutcome.Create, null, membership is null ? [] : [membership]));
                continue;
            }
            var changes = Changes(line, match);
            if (membership is not null) changes.Add(membership);
            plan.Add(new PlannedRow(line, changes.Count == 0 ? RowOutcome.Unchanged : RowOutcome.Update, match.Id, changes));
        }
        return plan;
    }

    /// <summary>Saves the rows without problems, each in its own transaction; a row the database refuses becomes an error.</summary>
    public async Task<(ImportCounts Counts, List<PlannedRow> Rows)> ImportAsync(Sheet sheet, IReadOnlyList<MemberField> mapping, Guid recordedBy, CancellationToken ct)
    {
        var plan = await PlanAsync(sheet, mapping, ct);
        for (var i = 0; i < plan.Count; i++)
        {
            var row = plan[i];
            if (row.Outcome is RowOutcome.Error or RowOutcome.Unchanged) continue;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            List<string> problems;
            try
            {
                problems = await SaveAsync(row, recordedBy, ct);
            }
            catch (DbUpdateException)
            {
                // Another import or a facilitator took the same SIRET meanwhile: this row waits for the next run.
                problems = ["la structure a changé pendant l'import (même SIRET enregistré entre-temps) : envoyez le fichier à nouveau"];
            }
            if (problems.Count == 0) await transaction.CommitAsync(ct);
            else
            {
                await transaction.RollbackAsync(ct);
                plan[i] = row with { Outcome = RowOutcome.Error, Line = row.Line with { Problems = problems } };
            }
            db.ChangeTracker.Clear();
        }
        return (Count(plan), plan);
    }

    public static ImportCounts Count(IReadOnlyList<PlannedRow> rows) => new(
        rows.Count(r => r.Outcome == RowOutcome.Create), rows.Count(r => r.Outcome == RowOutcome.Update),
        rows.Count(r => r.Outcome == RowOutcome.Unchanged), rows.Count(r => r.Outcome == RowOutcome.Error));

    async Task<List<string>> SaveAsync(PlannedRow row, Guid recordedBy, CancellationToken ct)
    {
        var line = row.Line;
        var now = clock.GetUtcNow().UtcDateTime;
        var organization = row.OrganizationId is { } id
            ? await db.Organizations.SingleAsync(o => o.Id == id, ct)
            : db.Organizations.Add(new Organization
            {
                Name = line.Name, CreatedAt = now,
                // Imported contacts were given to the network, not to the public.
                EmailVisibility = ContactVisibility.Members, PhoneVisibility = ContactVisibility.Members,
            }).Entity;
        organization.Name = line.Name;
        if (line.LegalForm is { } form)
        {
            organization.Kind = form == "individual" ? OrganizationKind.Individual : OrganizationKind.Organization;
            organization.LegalForm = form == "individual" ? null : form;
        }
        organization.Email = line.Email ?? organization.Email;
        organization.Phone = line.Phone ?? organization.Phone;
        organization.Employees = EmployeesOf(line, organization.Employees);
        if (line.Commune is { } commune && commune.Code != organization.CommuneInsee)
        {
            (organization.CommuneInsee, organization.Commune) = (commune.Code, commune.Name);
            var point = await CommunePoint.FindAsync(db, commune.Code, organization.Id, ct);
            (organization.Latitude, organization.Longitude) = (point?.Latitude, point?.Longitude);
        }
        organization.PostalCode = line.PostalCode ?? organization.PostalCode;
        organization.UpdatedAt = now;

        if (line.Siret is not null || line.Address is not null || line.Contact is not null)
        {
            var details = await db.MemberDetails.SingleOrDefaultAsync(d => d.OrganizationId == organization.Id, ct)
                ?? db.MemberDetails.Add(new MemberDetails { OrganizationId = organization.Id }).Entity;
            details.Siret = line.Siret ?? details.Siret;
            details.Address = line.Address ?? details.Address;
            details.ContactName = line.Contact ?? details.ContactName;
            details.UpdatedAt = now;
        }
        await db.SaveChangesAsync(ct);
        if (row.OrganizationId is null) await charter.SetMemberAsync(organization.Id, true, ct);

        if (line.Year is not { } year) return [];
        if (line.Method is { } method)
        {
            var existing = await db.Memberships.AsNoTracking().Where(m => m.OrganizationId == organization.Id && m.Year == year).Select(m => (MembershipStatus?)m.Status).SingleOrDefaultAsync(ct);
            if (existing == MembershipStatus.Active) return [];
            var (recorded, errors) = await memberships.RecordPaymentAsync(organization.Id,
                new Memberships.PaymentInput(year, Slug.Of(method), line.Fee, null, line.PaidOn), recordedBy, ct);
            return recorded is null ? errors.Values.SelectMany(v => v).ToList() : [];
        }
        var pending = await memberships.RequestAsync(organization.Id, year, ct);
        if (pending.Status == MembershipStatus.Pending && line.Fee is { } fee && fee != pending.FeeEur)
        {
            (pending.FeeEur, pending.Solidarity) = (fee, true);
            await db.SaveChangesAsync(ct);
        }
        return [];
    }

    static int? EmployeesOf(MemberLine line, int? current) =>
        line.Employees ?? (line.HasEmployees && current is not > 0 ? 1 : current);

    static string? MembershipChange(MemberLine line, MembershipStatus? existing) => (line.Year, line.Method, existing) switch
    {
        (null, _, _) => null,
        (_, _, MembershipStatus.Active) => null,
        ({ } year, { } method, _) => $"cotisation {year} : {MembershipLabels.Of(method).ToLowerInvariant()}",
        ({ } year, null, null) => $"adhésion {year} en attente de paiement",
        _ => null,
    };

    List<string> Changes(MemberLine line, Known known)
    {
        var changes = new List<string>();
        void Compare(string what, string? value, string? current)
        {
            if (value is not null && value != current) changes.Add(what);
        }
        Compare("nom", line.Name, known.Name);
        Compare("forme juridique", line.LegalForm is "individual" ? null : line.LegalForm, known.LegalForm);
        Compare("SIRET", line.Siret, known.Siret);
        Compare("courriel", line.Email, known.Email);
        Compare("téléphone", line.Phone, known.Phone);
        Compare("adresse", line.Address, known.Address);
        Compare("code postal", line.PostalCode, known.PostalCode);
        Compare("commune", line.Commune?.Code, known.CommuneInsee);
        Compare("personne à contacter", line.Contact, known.Contact);
        if (EmployeesOf(line, known.Employees) != known.Employees) changes.Add("salariés");
        return changes;
    }
}
