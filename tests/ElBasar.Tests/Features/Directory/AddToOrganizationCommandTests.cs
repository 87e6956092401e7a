using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Directory;

public sealed class AddToOrganizationCommandTests
{
    static async Task<(int Exit, string Output, string Errors)> RunAsync(TestApp app, params string[] args)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var exit = await UsersCommand.RunAsync(app.Services, ["add-to-organization", .. args], output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    static Task<OrganizationRole?> RoleAsync(TestApp app, Guid userId, Guid organizationId) =>
        app.WithDbAsync((db, _) => db.OrganizationMembers.Where(m => m.UserId == userId && m.OrganizationId == organizationId)
            .Select(m => (OrganizationRole?)m.Role).SingleOrDefaultAsync());

    [SkippableTheory, BothDatabases]
    public async Task The_verb_attaches_accounts_by_external_id_or_id_the_first_as_owner(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().Named("Atelier Roue Libre").WithExternalId("org-7").SaveAsync(app);
        var first = await SignedIn.CreateUserAsync(app, "first@example.org");
        var second = await SignedIn.CreateUserAsync(app, "second@example.org");
        var third = await SignedIn.CreateUserAsync(app, "third@example.org");

        var byExternalId = await RunAsync(app, "--email", "first@example.org", "--organization", "org-7");
        var byId = await RunAsync(app, "--email", "second@example.org", "--organization", organization.Id.ToString());
        var asOwner = await RunAsync(app, "--email", "third@example.org", "--organization", "org-7", "--role", "owner");
        var demoted = await RunAsync(app, "--email", "first@example.org", "--organization", "org-7", "--role", "editor");

        Assert.Equal((0, "first@example.org fait partie de « Atelier Roue Libre » (owner)."), (byExternalId.Exit, byExternalId.Output.Trim()));
        Assert.Equal(0, byId.Exit);
        Assert.Equal(0, asOwner.Exit);
        Assert.Equal(0, demoted.Exit);
        Assert.Equal(OrganizationRole.Editor, await RoleAsync(app, first, organization.Id));
        Assert.Equal(OrganizationRole.Editor, await RoleAsync(app, second, organization.Id));
        Assert.Equal(OrganizationRole.Owner, await RoleAsync(app, third, organization.Id));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_verb_refuses_an_unknown_account_organisation_or_role_in_french(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().WithExternalId("org-7").SaveAsync(app);
        var only = await SignedIn.CreateUserAsync(app, "person@example.org");
        await RunAsync(app, "--email", "person@example.org", "--organization", "org-7");

        var unknownAccount = await RunAsync(app, "--email", "nobody@example.org", "--organization", "org-7");
        var unknownOrganization = await RunAsync(app, "--email", "person@example.org", "--organization", "org-404");
        var unknownId = await RunAsync(app, "--email", "person@example.org", "--organization", Guid.NewGuid().ToString());
        var unknownRole = await RunAsync(app, "--email", "person@example.org", "--organization", "org-7", "--role", "admin");
        var lastOwner = await RunAsync(app, "--email", "person@example.org", "--organization", "org-7", "--role", "editor");
        var missing = await RunAsync(app, "--email", "person@example.org");

        Assert.Equal(1, unknownAccount.Exit);
        Assert.Contains("Aucun compte n'a l'adresse nobody@example.org", unknownAccount.Errors);
        Assert.Equal(1, unknownOrganization.Exit);
        Assert.Contains("Aucune structure n'a l'identifiant « org-404 »", unknownOrganization.Errors);
        Assert.Equal(1, unknownId.Exit);
        Assert.Equal(2, unknownRole.Exit);
        Assert.Contains("Rôle inconnu : « admin »", unknownRole.Errors);
        Assert.Equal(1, lastOwner.Exit);
        Assert.Contains("seule personne responsable", lastOwner.Errors);
        Assert.Equal(2, missing.Exit);
        Assert.Contains("Utilisation : users add-to-organization", missing.Errors);
        Assert.Equal(OrganizationRole.Owner, await RoleAsync(app, only, organization.Id));
    }
}
