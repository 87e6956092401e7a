using System.Net;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Directory.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Directory;

public sealed class OrganizationPeopleTests
{
    static Task<OrganizationRole?> RoleAsync(TestApp app, Guid userId, Guid organizationId) =>
        app.WithDbAsync((_, services) => services.GetRequiredService<OrganizationAccess>().RoleAsync(userId, organizationId));

    static Task<JoinRequest> RequestOfAsync(TestApp app, Guid userId) =>
        app.WithDbAsync((db, _) => db.JoinRequests.SingleAsync(r => r.UserId == userId));

    static Task<HttpResponseMessage> AskToJoinAsync(HttpClient client, Guid organizationId, string message = "") =>
        client.PostFormAsync($"/structures/{organizationId}", $"/structures/{organizationId}?handler=Join", new Dictionary<string, string> { ["JoinMessage"] = message });

    static Task<HttpResponseMessage> DecideAsync(HttpClient client, Guid organizationId, string handler, Guid requestId, string? role = null) =>
        client.PostFormAsync($"/structures/{organizationId}", $"/structures/{organizationId}/personnes?handler={handler}",
            role is null ? new Dictionary<string, string> { ["requestId"] = requestId.ToString() }
                         : new Dictionary<string, string> { ["requestId"] = requestId.ToString(), ["role"] = role });

    [SkippableTheory, BothDatabases]
    public async Task A_join_request_reaches_the_owners_and_once_approved_gives_the_role(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var (owner, ownerId) = await SignedIn.PersonAsync(app, "owner@example.org", "Dominique Owner");
        await SignedIn.AddAsync(app, organization.Id, ownerId, OrganizationRole.Owner);
        var (requester, requesterId) = await SignedIn.PersonAsync(app, "noa@example.org", "Noa Bénévole");

        var profile = Html.VisibleText(await requester.PageAsync($"/structures/{organization.Id}"));
        var asked = await AskToJoinAsync(requester, organization.Id, "Je tiens l'atelier le samedi.");
        var askedAgain = await AskToJoinAsync(requester, organization.Id);

        Assert.Contains("Demander à rejoindre", profile);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, askedAgain.StatusCode);
        var request = await RequestOfAsync(app, requesterId);   // one request, however many clicks
        Assert.Equal(JoinRequestStatus.Pending, request.Status);
        var mail = Assert.Single(await SignedIn.MailsToAsync(app, "owner@example.org"));
        Assert.Equal("Demande pour rejoindre Atelier Roue Libre", mail.Subject);
        Assert.Contains("Noa Bénévole (noa@example.org)", mail.TextBody);
        Assert.Contains($"/structures/{organization.Id}/personnes", mail.TextBody);
        Assert.Contains("en attente", Html.VisibleText(await requester.PageAsync($"/structures/{organization.Id}")));
        Assert.Contains("Atelier Roue Libre", Html.VisibleText(await requester.PageAsync("/espace")));
        var people = Html.VisibleText(await owner.PageAsync($"/structures/{organization.Id}/personnes"));
        Assert.Contains("Noa Bénévole", people);
        Assert.Contains("Je tiens l'atelier le samedi.", people);
        Assert.Contains("1 demande en attente", Html.VisibleText(await owner.PageAsync("/espace")));

        app.Clock.Advance(TimeSpan.FromHours(2));
        var approved = await DecideAsync(owner, organization.Id, "Approve", request.Id, "editor");

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(OrganizationRole.Editor, await RoleAsync(app, requesterId, organization.Id));
        var decided = await RequestOfAsync(app, requesterId);
        Assert.Equal((JoinRequestStatus.Approved, ownerId, FakeClock.Default.UtcDateTime.AddHours(2)), (decided.Status, decided.DecidedById, decided.DecidedAt));
        Assert.Equal("Vous avez rejoint Atelier Roue Libre", Assert.Single(await SignedIn.MailsToAsync(app, "noa@example.org")).Subject);
        Assert.Contains("Vous êtes éditeur ou éditrice de ce profil", Html.VisibleText(await requester.PageAsync($"/structures/{organization.Id}")));
        Assert.Equal(HttpStatusCode.OK, (await requester.GetAsync($"/structures/{organization.Id}/modifier")).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_declined_request_tells_the_requester_and_gives_no_role(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().Named("Coop des Faubourgs").SaveAsync(app);
        var (owner, ownerId) = await SignedIn.PersonAsync(app, "owner@example.org");
        await SignedIn.AddAsync(app, organization.Id, ownerId, OrganizationRole.Owner);
        var (requester, requesterId) = await SignedIn.PersonAsync(app, "alex@example.org");
        await AskToJoinAsync(requester, organization.Id);

        var declined = await DecideAsync(owner, organization.Id, "Decline", (await RequestOfAsync(app, requesterId)).Id);

        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.Null(await RoleAsync(app, requesterId, organization.Id));
        Assert.Equal(JoinRequestStatus.Declined, (await RequestOfAsync(app, requesterId)).Status);
        Assert.Equal("Votre demande pour rejoindre Coop des Faubourgs", Assert.Single(await SignedIn.MailsToAsync(app, "alex@example.org")).Subject);
    }

    [SkippableTheory, BothDatabases]
    public async Task Only_an_owner_sees_and_decides_the_requests(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().SaveAsync(app);
        var (_, ownerId) = await SignedIn.PersonAsync(app, "owner@example.org");
        await SignedIn.AddAsync(app, organization.Id, ownerId, OrganizationRole.Owner);
        var (editor, editorId) = await SignedIn.PersonAsync(app, "editor@example.org");
        await SignedIn.AddAsync(app, organization.Id, editorId, OrganizationRole.Editor);
        var (requester, requesterId) = await SignedIn.PersonAsync(app, "requester@example.org");
        await AskToJoinAsync(requester, organization.Id);
        var request = await RequestOfAsync(app, requesterId);

        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync($"/structures/{organization.Id}/personnes")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync(editor, organization.Id, "Approve", request.Id, "owner")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync(requester, organization.Id, "Approve", request.Id, "owner")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await requester.GetAsync($"/structures/{organization.Id}/adhesion")).StatusCode);
        Assert.Equal(JoinRequestStatus.Pending, (await RequestOfAsync(app, requesterId)).Status);
        Assert.Null(await RoleAsync(app, requesterId, organization.Id));
    }

    [SkippableTheory, BothDatabases]
    public async Task Owners_change_roles_and_remove_people_but_never_leave_the_organisation_without_an_owner(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().SaveAsync(app);
        var (first, firstId) = await SignedIn.PersonAsync(app, "first@example.org");
        await SignedIn.AddAsync(app, organization.Id, firstId, OrganizationRole.Owner);
        var (second, secondId) = await SignedIn.PersonAsync(app, "second@example.org");
        await SignedIn.AddAsync(app, organization.Id, secondId, OrganizationRole.Editor);
        var page = $"/structures/{organization.Id}/personnes";
        Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, Guid userId, string? role = null) =>
            client.PostFormAsync(page, $"{page}?handler={handler}", role is null
                ? new Dictionary<string, string> { ["userId"] = userId.ToString() }
                : new Dictionary<string, string> { ["userId"] = userId.ToString(), ["role"] = role });

        var lastOwnerSteppingDown = await PostAsync(first, "Role", firstId, "editor");
        Assert.Equal(HttpStatusCode.OK, lastOwnerSteppingDown.StatusCode);
        Assert.Contains(MembersModel.LastOwner, Html.VisibleText(await lastOwnerSteppingDown.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(first, "Role", secondId, "owner")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(first, "Role", firstId, "editor")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(second, "Remove", firstId)).StatusCode);
        var removingTheLast = await PostAsync(second, "Remove", secondId);

        Assert.Contains(MembersModel.LastOwner, Html.VisibleText(await removingTheLast.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(second, "Role", secondId, "king")).StatusCode);
        Assert.Null(await RoleAsync(app, firstId, organization.Id));
        Assert.Equal(OrganizationRole.Owner, await RoleAsync(app, secondId, organization.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync(page)).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_access_service_answers_roles_and_lists_a_person_organisations(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var owned = await new OrganizationBuilder().Named("Zèbre Coop").SaveAsync(app);
        var edited = await new OrganizationBuilder().Named("Atelier").NotMember().SaveAsync(app);
        var elsewhere = await new OrganizationBuilder().Named("Ailleurs").SaveAsync(app);
        var userId = await SignedIn.CreateUserAsync(app, "person@example.org");
        await SignedIn.AddAsync(app, owned.Id, userId, OrganizationRole.Owner);
        await SignedIn.AddAsync(app, edited.Id, userId, OrganizationRole.Editor);

        await app.WithDbAsync(async (_, services) =>
        {
            var access = services.GetRequiredService<OrganizationAccess>();
            Assert.True(await access.CanEditAsync(userId, owned.Id));
            Assert.True(await access.CanEditAsync(userId, edited.Id));
            Assert.False(await access.CanEditAsync(userId, elsewhere.Id));
            Assert.True(await access.IsOwnerAsync(userId, owned.Id));
            Assert.False(await access.IsOwnerAsync(userId, edited.Id));
            Assert.Null(await access.RoleAsync(userId, elsewhere.Id));
            Assert.Equal(
                [new UserOrganization(edited.Id, "Atelier", OrganizationKind.Organization, OrganizationRole.Editor, false),
                 new UserOrganization(owned.Id, "Zèbre Coop", OrganizationKind.Organization, OrganizationRole.Owner, true)],
                await access.OrganizationsOfAsync(userId));
            return true;
        });
    }
}
