using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ElBasar.Web.Features.Directory.Merge;

/// <summary>
/// A feature's part of a merge, run first in the merge's transaction: what a plain move of its rows
/// would get wrong (two rows for one year, a unique number…). The rows it leaves are moved after it.
/// </summary>
public interface IOrganizationMergeStep
{
    Task MergeAsync(ElBasarDbContext db, Guid kept, Guid removed, CancellationToken ct);
}

/// <summary>One kind of rows that moves to the organisation kept, and how many.</summary>
public sealed record MergeMove(string Table, string Column, string Label, int Rows);

/// <summary>
/// Merges a duplicate organisation into the one kept, in one transaction: the features' own steps
/// (<see cref="IOrganizationMergeStep"/>), then every column of every table the model maps with a
/// foreign key to <c>organizations</c> moves to the kept id (found in the EF model, so a new feature's
/// table follows without a change here). A row that would clash with one the kept organisation already
/// has under a unique key (the same person twice, the same watch) is dropped with the duplicate,
/// and rows keyed through such a table (a watch's matches) are dropped first, being derived data.
/// Blank fields of the kept profile are filled from the duplicate's; then the duplicate is deleted.
/// </summary>
public sealed class OrganizationMerger(ElBasarDbContext db, IEnumerable<IOrganizationMergeStep> steps, AuditLog audit)
{
    // Table and column names in the SQL below come from the EF model, never from input; ids are parameters.
    sealed record Reference(string Table, string Column, IReadOnlyList<IReadOnlyList<string>> UniqueWith);

    static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["listings"] = "annonces", ["memberships"] = "adhésions et cotisations", ["payments"] = "paiements d'annonces",
        ["organization_members"] = "personnes de la structure", ["organization_join_requests"] = "demandes pour rejoindre la structure",
        ["network_memberships"] = "appartenance au réseau", ["charter_acceptances"] = "acceptations de la charte",
        ["organization_activities"] = "activités", ["organization_logos"] = "logo", ["conversations"] = "conversations",
        ["conversation_blocks"] = "blocages de conversations", ["exchanges"] = "échanges", ["recommendations"] = "recommandations",
        ["member_contacts"] = "contacts entre membres", ["lending_items"] = "objets prêtés", ["lending_reservations"] = "réservations de prêt",
        ["events"] = "rendez-vous organisés", ["event_registrations"] = "inscriptions aux rendez-vous", ["demand_watches"] = "veille des demandes",
        ["demand_watch_matches"] = "demandes repérées par la veille", ["hotline_suggestions"] = "suggestions « Je ne trouve pas »",
        ["member_details"] = "SIRET, adresse et contact",
    };

    /// <summary>What would move: each table and column holding the duplicate's id, with its number of rows.</summary>
    public async Task<List<MergeMove>> PreviewAsync(Guid removed, CancellationToken ct)
    {
        var moves = new List<MergeMove>();
        foreach (var reference in References())
        {
            var sql = $"SELECT COUNT(*) AS \"Value\" FROM \"{reference.Table}\" WHERE \"{reference.Column}\" = {{0}}";
            var rows = await db.Database.SqlQueryRaw<int>(sql, removed).SingleAsync(ct);
            if (rows > 0) moves.Add(new MergeMove(reference.Table, reference.Column, Labels.GetValueOrDefault(reference.Table, reference.Table), rows));
        }
        return moves;
    }

    /// <summary>Merges <paramref name="removed"/> into <paramref name="kept"/>; false when either is missing or they are the same.</summary>
    public async Task<bool> MergeAsync(Guid kept, Guid removed, CancellationToken ct)
    {
        if (kept == removed) return false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var both = await db.Organizations.Include(o => o.Activities).Where(o => o.Id == kept || o.Id == removed).ToListAsync(ct);
        if (both.Count != 2) return false;
        var (keep, drop) = (both.Single(o => o.Id == kept), both.Single(o => o.Id == removed));
        FillBlanks(keep, drop);
        var labels = keep.Activities.Select(a => a.Label).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var label in drop.Activities.OrderBy(a => a.Position).Select(a => a.Label).Where(labels.Add))
            keep.Activities.Add(new OrganizationActivity { OrganizationId = kept, Position = keep.Activities.Count, Label = label });
        drop.Activities.Clear();
        var externalId = drop.ExternalId;
        drop.ExternalId = null;
        await db.SaveChangesAsync(ct);

        await MergeNetworksAndPeopleAsync(kept, removed, ct);
        foreach (var step in steps) await step.MergeAsync(db, kept, removed, ct);
        foreach (var derived in DerivedReferences())
        {
            var delete = $"DELETE FROM \"{derived.Table}\" WHERE \"{derived.Column}\" = {{0}}";
            await db.Database.ExecuteSqlRawAsync(delete, [removed], ct);
        }
        foreach (var reference in References())
        {
            var clashes = string.Concat(reference.UniqueWith.Select(others =>
                $" AND NOT EXISTS (SELECT 1 FROM \"{reference.Table}\" k WHERE k.\"{reference.Column}\" = {{0}}"
                + string.Concat(others.Select(c => $" AND k.\"{c}\" = \"{reference.Table}\".\"{c}\"")) + ")"));
            var update = $"UPDATE \"{reference.Table}\" SET \"{reference.Column}\" = {{0}} WHERE \"{reference.Column}\" = {{1}}{clashes}";
            await db.Database.ExecuteSqlRawAsync(update, [kept, removed], ct);
        }
        db.ChangeTracker.Clear();
        await db.Organizations.Where(o => o.Id == removed).ExecuteDeleteAsync(ct);
        if (keep.ExternalId is null && externalId is not null)
            await db.Organizations.Where(o => o.Id == kept).ExecuteUpdateAsync(s => s.SetProperty(o => o.ExternalId, externalId), ct);
        await audit.RecordAsync(AuditActions.OrganizationsMerged, AuditSubjects.Organization, kept.ToString(),
            $"« {drop.Name} » fusionnée dans « {keep.Name} »", new { removed, removedName = drop.Name }, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    static void FillBlanks(Organization keep, Organization drop)
    {
        keep.LegalForm ??= drop.LegalForm;
        keep.Description ??= drop.Description;
        keep.Email ??= drop.Email;
        keep.Phone ??= drop.Phone;
        keep.Website ??= drop.Website;
        keep.Employees ??= drop.Employees;
        if (keep.CommuneInsee is null && drop.CommuneInsee is not null)
            (keep.CommuneInsee, keep.Commune, keep.PostalCode, keep.Latitude, keep.Longitude) =
                (drop.CommuneInsee, drop.Commune, drop.PostalCode, drop.Latitude, drop.Longitude);
    }

    // The kept organisation is a member wherever either was, and a person owner of either stays an owner.
    async Task MergeNetworksAndPeopleAsync(Guid kept, Guid removed, CancellationToken ct)
    {
        var memberOf = await db.NetworkMemberships.Where(m => m.OrganizationId == removed && m.IsMember).Select(m => m.NetworkId).ToListAsync(ct);
        await db.NetworkMemberships.Where(m => m.OrganizationId == kept && !m.IsMember && memberOf.Contains(m.NetworkId))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.IsMember, true), ct);
        var owners = await db.OrganizationMembers.Where(m => m.OrganizationId == removed && m.Role == OrganizationRole.Owner).Select(m => m.UserId).ToListAsync(ct);
        await db.OrganizationMembers.Where(m => m.OrganizationId == kept && owners.Contains(m.UserId))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, OrganizationRole.Owner), ct);
    }

    /// <summary>Every table and column of the model with a foreign key to an organisation, and the unique keys that column is part of.</summary>
    IEnumerable<Reference> References() =>
        from entity in db.Model.GetEntityTypes()
        let table = entity.GetTableName()
        where table is not null && table != "organizations"
        from fk in entity.GetForeignKeys()
        where fk.PrincipalEntityType.ClrType == typeof(Organization) && fk.Properties.Count == 1
        let property = fk.Properties[0]
        let store = StoreObjectIdentifier.Table(table, entity.GetSchema())
        let unique = entity.GetKeys().Select(k => k.Properties).Concat(entity.GetIndexes().Where(i => i.IsUnique).Select(i => i.Properties))
            .Where(ps => ps.Contains(property))
            .Select(ps => (IReadOnlyList<string>)ps.Where(p => p != property).Select(p => p.GetColumnName(store)!).ToList())
            .ToList()
        orderby table
        select new Reference(table, property.GetColumnName(store)!, unique);

    /// <summary>Columns pointing at a table keyed by an organisation (a watch's matches): their rows are derived, dropped rather than moved.</summary>
    IEnumerable<Reference> DerivedReferences() =>
        from entity in db.Model.GetEntityTypes()
        let table = entity.GetTableName()
        where table is not null
        from fk in entity.GetForeignKeys()
        where fk.PrincipalEntityType.ClrType != typeof(Organization) && fk.Properties.Count == 1
            && fk.PrincipalKey.Properties.All(p => p.GetContainingForeignKeys().Any(k => k.PrincipalEntityType.ClrType == typeof(Organization)))
        select new Reference(table, fk.Properties[0].GetColumnName(StoreObjectIdentifier.Table(table, entity.GetSchema()))!, []);
}
