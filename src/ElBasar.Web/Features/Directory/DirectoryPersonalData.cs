using ElBasar.Web.Features.Accounts.PersonalData;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Directory;

/// <summary>
/// A person's place in organisations: memberships and roles, requests to join, charters accepted,
/// and their own individual profile. An organisation's profile and listings belong to the
/// organisation and stay; a person's own profile, with nobody else in it, goes with them.
/// </summary>
sealed class DirectoryPersonalData(ElBasarDbContext db) : IPersonalDataSource
{
    public string Section => "structures";

    public async Task<object> ExportAsync(Guid userId, CancellationToken ct)
    {
        var organizations = db.Organizations.AsNoTracking();
        var memberships = await db.OrganizationMembers.AsNoTracking().Where(m => m.UserId == userId)
            .Join(organizations, m => m.OrganizationId, o => o.Id, (m, o) => new { structure = o.Name, id = o.Id, profilPersonnel = o.Kind == OrganizationKind.Individual, rôle = m.Role, depuis = m.Since })
            .ToListAsync(ct);
        var requests = await db.JoinRequests.AsNoTracking().Where(r => r.UserId == userId)
            .Join(organizations, r => r.OrganizationId, o => o.Id, (r, o) => new { structure = o.Name, message = r.Message, état = r.Status, demandéLe = r.CreatedAt, décidéLe = r.DecidedAt })
            .ToListAsync(ct);
        var charters = await db.CharterAcceptances.AsNoTracking().Where(a => a.UserId == userId)
            .Join(organizations, a => a.OrganizationId, o => o.Id, (a, o) => new { structure = o.Name, versionDeLaCharte = a.CharterVersion, acceptéeLe = a.AcceptedAt })
            .ToListAsync(ct);
        return new { appartenances = memberships, demandesPourRejoindre = requests, chartesAcceptées = charters };
    }

    public async Task<IReadOnlyList<string>> WarningsAsync(Guid userId, CancellationToken ct)
    {
        var members = db.OrganizationMembers;
        var alone = await db.Organizations.AsNoTracking()
            .Where(o => o.Kind == OrganizationKind.Organization
                && members.Any(m => m.OrganizationId == o.Id && m.UserId == userId && m.Role == OrganizationRole.Owner)
                && !members.Any(m => m.OrganizationId == o.Id && m.UserId != userId && m.Role == OrganizationRole.Owner))
            .Select(o => o.Name).ToListAsync(ct);
        return alone.Order(StringComparer.Create(Infrastructure.Web.WebModule.French, ignoreCase: true))
            .Select(name => $"Vous êtes le seul responsable de « {name} ». Sans vous, la structure et ses annonces restent, mais personne ne pourra plus les modifier avant que l'équipe d'animation ne désigne quelqu'un : confiez ce rôle à une autre personne d'abord si vous le pouvez.")
            .ToList();
    }

    public async Task ForgetAsync(Guid userId, CancellationToken ct)
    {
        // Memberships and requests go with the account (cascade); charter acceptances stay with
        // their organisation, without the person (SET NULL). Their own profile goes, listings included.
        var members = db.OrganizationMembers;
        await db.Organizations
            .Where(o => o.Kind == OrganizationKind.Individual
                && members.Any(m => m.OrganizationId == o.Id && m.UserId == userId)
                && !members.Any(m => m.OrganizationId == o.Id && m.UserId != userId))
            .ExecuteDeleteAsync(ct);
    }
}
