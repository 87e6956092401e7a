using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Directory.People;

/// <summary>
/// <c>users add-to-organization --email E --organization EXTERNAL_OR_ID [--role owner|editor]</c>
/// (contracts/interfaces.md): attaches an account to an organisation, found by its externalId or its id.
/// Without <c>--role</c>, the first person of an organisation becomes its owner, the next ones editors.
/// </summary>
public static class AddToOrganizationCommand
{
    public const string Usage = "Utilisation : users add-to-organization --email ADRESSE --organization IDENTIFIANT_EXTERNE_OU_ID [--role owner|editor]";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyDictionary<string, string> options, TextWriter output, TextWriter errors)
    {
        if (!options.TryGetValue("email", out var email) || !options.TryGetValue("organization", out var reference)
            || options.Keys.Except(["email", "organization", "role"]).Any())
        {
            await errors.WriteLineAsync(Usage);
            return 2;
        }
        OrganizationRole? role = null;
        if (options.TryGetValue("role", out var roleText))
        {
            if (roleText is not ("owner" or "editor"))
            {
                await errors.WriteLineAsync($"Rôle inconnu : « {roleText} » (owner ou editor). {Usage}");
                return 2;
            }
            role = Slug.Parse<OrganizationRole>(roleText);
        }

        await DatabaseStartup.RunAsync(services, serving: false, CancellationToken.None);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByEmailAsync(email.Trim());
        if (user is null)
        {
            await errors.WriteLineAsync($"Aucun compte n'a l'adresse {email}. Créez-le d'abord avec « users create ».");
            return 1;
        }
        reference = reference.Trim();
        var organization = await db.Organizations.AsNoTracking().Where(o => o.ExternalId == reference).Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync()
            ?? (Guid.TryParse(reference, out var id)
                ? await db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync()
                : null);
        if (organization is null)
        {
            await errors.WriteLineAsync($"Aucune structure n'a l'identifiant « {reference} » (identifiant externe ou id).");
            return 1;
        }

        var given = role ?? (await db.OrganizationMembers.AnyAsync(m => m.OrganizationId == organization.Id && m.Role == OrganizationRole.Owner)
            ? OrganizationRole.Editor : OrganizationRole.Owner);
        var people = scope.ServiceProvider.GetRequiredService<OrganizationPeople>();
        if (await people.AddAsync(organization.Id, user.Id, given, CancellationToken.None) == PeopleChange.LastOwner)
        {
            await errors.WriteLineAsync($"{email} est la seule personne responsable de « {organization.Name} » : nommez-en une autre avant de changer son rôle.");
            return 1;
        }
        await output.WriteLineAsync($"{email} fait partie de « {organization.Name} » ({Slug.Of(given)}).");
        return 0;
    }
}
