using System.Net;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Administration.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Administration;

public sealed class UsersTests
{
    const string Page = "/admin/utilisateurs";

    static Task<HttpResponseMessage> RoleAsync(HttpClient admin, Guid id, string role, bool grant) =>
        admin.PostFormAsync(Page, $"{Page}?handler=Role&id={id}", new Dictionary<string, string> { ["role"] = role, ["grant"] = grant ? "true" : "false" });

    static Task<HttpResponseMessage> LockAsync(HttpClient admin, Guid id, bool locked) =>
        admin.PostFormAsync(Page, $"{Page}?handler=Lock&id={id}", new Dictionary<string, string> { ["locked"] = locked ? "true" : "false" });

    async static Task<IList<string>> RolesAsync(TestApp app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        return await users.GetRolesAsync((await users.FindByIdAsync(id.ToString()))!);
    }

    [SkippableTheory, BothDatabases]
    public async Task An_admin_finds_an_account_and_makes_it_a_facilitator_then_takes_the_role_back(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await Admins.AdminAsync(app);
        var camille = await app.CreateAccountAsync("camille@example.org", SiteRoles.Member, "Camille Martin");
        await app.CreateAccountAsync("sacha@example.org", SiteRoles.Member, "Sacha Durand");

        var found = Html.VisibleText(await admin.GetStringAsync($"{Page}?q=CAMILLE"));
        Assert.Contains("1 compte.", found);
        Assert.Contains("Camille Martin camille@example.org membre Actif", found);
        Assert.DoesNotContain("Sacha", found);
        Assert.Contains("1 compte.", Html.VisibleText(await admin.GetStringAsync($"{Page}?q=sacha@example")));

        Assert.Equal(HttpStatusCode.Redirect, (await RoleAsync(admin, camille.Id, SiteRoles.Facilitator, grant: true)).StatusCode);
        Assert.Contains(SiteRoles.Facilitator, await RolesAsync(app, camille.Id));
        var asFacilitator = await app.SignedInAsync("camille@example.org");
        Assert.Equal(HttpStatusCode.OK, (await asFacilitator.GetAsync("/animation")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RoleAsync(admin, camille.Id, SiteRoles.Facilitator, grant: false)).StatusCode);
        Assert.DoesNotContain(SiteRoles.Facilitator, await RolesAsync(app, camille.Id));

        var audit = await Admins.AuditAsync(app);
        Assert.Equal([AuditActions.RoleGranted, AuditActions.RoleRevoked], audit.Select(e => e.Action));
        Assert.Equal("Rôle animation donné à Camille Martin (camille@example.org).", audit[0].Summary);
        Assert.All(audit, e => Assert.Equal((Admins.AdminName, AuditSubjects.Account, camille.Id.ToString()), (e.ActorName, e.SubjectKind, e.SubjectId)));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_last_admin_cannot_give_up_the_role_until_someone_else_has_it(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await Admins.AdminAsync(app);
        var me = await app.WithDbAsync((db, _) => Task.FromResult(db.Set<User>().Single(u => u.Email == Admins.AdminEmail).Id));
        var sacha = await app.CreateAccountAsync("sacha@example.org", SiteRoles.Member, "Sacha Durand");

        var refused = await RoleAsync(admin, me, SiteRoles.Admin, grant: false);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Le réseau doit garder au moins un compte d'administration : donnez d'abord ce rôle à quelqu'un d'autre.",
            Html.VisibleText(await refused.Content.ReadAsStringAsync()));
        Assert.Contains(SiteRoles.Admin, await RolesAsync(app, me));
        await RoleAsync(admin, sacha.Id, SiteRoles.Admin, grant: true);
        Assert.Equal(HttpStatusCode.Redirect, (await RoleAsync(admin, me, SiteRoles.Admin, grant: false)).StatusCode);
        Assert.DoesNotContain(SiteRoles.Admin, await RolesAsync(app, me));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_locked_account_cannot_sign_in_until_unlocked_and_nobody_locks_themselves(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await Admins.AdminAsync(app);
        var me = await app.WithDbAsync((db, _) => Task.FromResult(db.Set<User>().Single(u => u.Email == Admins.AdminEmail).Id));
        var camille = await app.CreateAccountAsync("camille@example.org", SiteRoles.Member, "Camille Martin");

        Assert.Equal(HttpStatusCode.Redirect, (await LockAsync(admin, camille.Id, locked: true)).StatusCode);
        var signIn = await app.Browser().SubmitAsync("/compte/connexion",
            new Dictionary<string, string> { ["Input.Email"] = "camille@example.org", ["Input.Password"] = TestAccounts.Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Camille Martin camille@example.org membre Verrouillé", Html.VisibleText(await admin.GetStringAsync(Page)));
        var self = await LockAsync(admin, me, locked: true);
        Assert.Contains("Vous ne pouvez pas verrouiller votre propre compte.", Html.VisibleText(await self.Content.ReadAsStringAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await LockAsync(admin, camille.Id, locked: false)).StatusCode);
        await app.SignedInAsync("camille@example.org");
        Assert.Equal([AuditActions.AccountLocked, AuditActions.AccountUnlocked], (await Admins.AuditAsync(app)).Select(e => e.Action));
    }
}
