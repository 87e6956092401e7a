using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Membership;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Membership;

public sealed class MembershipTests
{
    const string Facilitator = "animation@example.org";

    [SkippableTheory, BothDatabases]
    public async Task A_facilitator_records_fees_by_tier_solidarity_or_waiver_with_receipts_numbered_in_order(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var staff = await app.SignedInAsync(Facilitator, SiteRoles.Facilitator);
        var employer = await Employer(app, "Recyclerie du Sud", employees: 3);
        var small = await new OrganizationBuilder().Named("Atelier Roue Libre").NotMember().SaveAsync(app);
        var person = await IndividualAsync(app);

        var first = await RecordAsync(staff, employer.Id, new() { ["Year"] = "2026", ["Method"] = "transfer" });
        Assert.Equal($"/animation/adhesions/{employer.Id}?recu=2026-0001", first.Headers.Location?.OriginalString);
        await RecordAsync(staff, small.Id, new() { ["Year"] = "2026", ["Method"] = "cheque", ["Amount"] = "15,50", ["Note"] = "Chèque n° 1234567" });
        var waived = await RecordAsync(staff, person.Id, new() { ["Year"] = "2026", ["Method"] = "waived" });
        Assert.EndsWith("?recu=exoneree", waived.Headers.Location?.OriginalString);

        var rows = await app.WithDbAsync((db, _) => db.Memberships.OrderBy(m => m.RecordedAt).ToListAsync());
        Assert.Equal(["2026-0001", "2026-0002", null], rows.Select(m => m.ReceiptNumber));
        Assert.Equal([100m, 15.5m, 0m], rows.Select(m => m.FeeEur));
        Assert.Equal([false, true, true], rows.Select(m => m.Solidarity));
        Assert.Equal(["structure-employeuse", "structure", "individuel"], rows.Select(m => m.Tier));
        Assert.All(rows, m => Assert.Equal(new DateOnly(2026, 12, 31), m.ValidUntil));
        Assert.True(await IsMemberAsync(app, small.Id));

        var page = Html.VisibleText(await staff.GetStringAsync($"/animation/adhesions/{small.Id}"));
        Assert.Contains("À jour · jusqu'au 31 décembre 2026", page);
        Assert.Contains("15,50\u00a0€ (solidaire)", page);
        var receipt = Html.VisibleText(await staff.GetStringAsync($"/adhesions/recus/{rows[1].Id}"));
        Assert.Contains("Reçu de cotisation n° 2026-0002", receipt);
        Assert.Contains("la somme de 15,50\u00a0€ au titre de sa cotisation pour l'année 2026 (cotisation solidaire)", receipt);
        Assert.Contains("Chèque", receipt);

        var desk = Html.VisibleText(await staff.GetStringAsync("/animation/adhesions?etat=active"));
        Assert.Contains("Recyclerie du Sud", desk);
        Assert.Contains("3 sur 3", desk);
        var csv = await staff.GetStringAsync("/animation/adhesions.csv");
        Assert.Contains("Recyclerie du Sud;Structure;Lille;À jour;2026;31/12/2026;Structure avec salariés;100,00", csv);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_wrong_payment_is_refused_in_french_keeping_what_was_typed_and_a_year_is_paid_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var staff = await app.SignedInAsync(Facilitator, SiteRoles.Facilitator);
        var org = await new OrganizationBuilder().SaveAsync(app);

        var noMethod = await RecordAsync(staff, org.Id, new() { ["Year"] = "2026", ["Amount"] = "abc", ["Note"] = "Payé au stand" }, HttpStatusCode.OK);
        var text = Html.VisibleText(await noMethod.Content.ReadAsStringAsync());
        Assert.Contains("Le montant doit être un nombre d'euros, par exemple 15 ou 12,50.", text);
        Assert.Contains("Payé au stand", text);

        var refused = Html.VisibleText(await (await RecordAsync(staff, org.Id, new() { ["Year"] = "2031", ["Amount"] = "-5", ["Note"] = "Payé au stand" }, HttpStatusCode.OK)).Content.ReadAsStringAsync());
        Assert.Contains("Choisissez l'année de l'adhésion : 2025, 2026 ou 2027.", refused);
        Assert.Contains("Choisissez comment la cotisation a été réglée", refused);
        Assert.Contains("Le montant doit être un nombre d'euros positif", refused);

        await RecordAsync(staff, org.Id, new() { ["Year"] = "2026", ["Method"] = "cash" });
        var twice = Html.VisibleText(await (await RecordAsync(staff, org.Id, new() { ["Year"] = "2026", ["Method"] = "cash" }, HttpStatusCode.OK)).Content.ReadAsStringAsync());
        Assert.Contains("La cotisation 2026 est déjà enregistrée (reçu 2026-0001).", twice);
        Assert.Equal(1, await app.WithDbAsync((db, _) => db.Memberships.CountAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task Receipt_numbers_recorded_at_the_same_time_are_all_different_and_in_sequence(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var facilitator = await app.CreateAccountAsync(Facilitator, SiteRoles.Facilitator);
        var organizations = new List<Guid>();
        for (var i = 0; i < 20; i++) organizations.Add((await new OrganizationBuilder().Named($"Structure {i:00}").SaveAsync(app)).Id);

        await Task.WhenAll(organizations.Select(async id =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var (recorded, errors) = await scope.ServiceProvider.GetRequiredService<Memberships>()
                .RecordPaymentAsync(id, new Memberships.PaymentInput(2026, "transfer", null, null), facilitator.Id, default);
            Assert.Empty(errors);
            Assert.NotNull(recorded);
        }));

        var numbers = await app.WithDbAsync((db, _) => db.Memberships.Select(m => m.ReceiptNumber!).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"2026-{n:0000}"), numbers.Order());
    }

    [SkippableTheory, BothDatabases]
    public async Task Only_the_organisation_s_people_and_the_facilitators_see_its_membership_and_receipts(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var staff = await app.SignedInAsync(Facilitator, SiteRoles.Facilitator);
        var org = await Employer(app, "Recyclerie du Sud", employees: 2);
        var owner = await app.CreateAccountAsync("owner@example.org");
        await AddAsync(app, org.Id, owner.Id, OrganizationRole.Owner);
        var ownerClient = await app.SignedInAsync("owner@example.org");
        var stranger = await app.SignedInAsync("stranger@example.org", SiteRoles.Member);
        await RecordAsync(staff, org.Id, new() { ["Year"] = "2026", ["Method"] = "transfer" });
        var receiptId = await app.WithDbAsync((db, _) => db.Memberships.Select(m => m.Id).SingleAsync());

        var api = await ownerClient.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org.Id}/membership");
        Assert.Equal("active", api.GetProperty("status").GetString());
        Assert.Equal("structure-employeuse", api.GetProperty("tier").GetString());
        Assert.Equal(100m, api.GetProperty("feeEur").GetDecimal());
        Assert.Equal("2026-12-31", api.GetProperty("validUntil").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/organizations/{org.Id}/membership")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Browser().GetAsync($"/api/v1/organizations/{org.Id}/membership")).StatusCode);

        Assert.Contains("Reçu n° 2026-0001", Html.VisibleText(await ownerClient.GetStringAsync($"/structures/{org.Id}/cotisation")));
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.GetAsync($"/adhesions/recus/{receiptId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/adhesions/recus/{receiptId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/structures/{org.Id}/cotisation")).StatusCode);
        foreach (var path in new[] { "/animation/adhesions", "/animation/adhesions.csv", $"/animation/adhesions/{org.Id}" })
        {
            var response = await ownerClient.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/erreur/403", response.Headers.Location?.PathAndQuery);
        }
    }

    [SkippableTheory, BothDatabases]
    public async Task Owners_are_reminded_30_and_7_days_before_the_end_then_the_organisation_becomes_a_former_member(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var staff = await app.SignedInAsync(Facilitator, SiteRoles.Facilitator);
        var org = await Employer(app, "Recyclerie du Sud", employees: 2);
        var owner = await app.CreateAccountAsync("owner@example.org", name: "Camille Martin");
        await AddAsync(app, org.Id, owner.Id, OrganizationRole.Owner);
        var renewed = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var renewer = await app.CreateAccountAsync("renewer@example.org");
        await AddAsync(app, renewed.Id, renewer.Id, OrganizationRole.Owner);
        var untracked = await new OrganizationBuilder().Named("Membre historique").SaveAsync(app);
        await RecordAsync(staff, org.Id, new() { ["Year"] = "2026", ["Method"] = "transfer" });
        await RecordAsync(staff, renewed.Id, new() { ["Year"] = "2026", ["Method"] = "transfer" });
        await RecordAsync(staff, renewed.Id, new() { ["Year"] = "2027", ["Method"] = "transfer" });
        var job = app.Services.GetRequiredService<MembershipJob>();

        Assert.Equal(new MembershipJob.Pass(0, 0), await job.RunOnceAsync());
        app.Clock.Advance(TimeSpan.FromDays(11));   // 1 December
        Assert.Equal(1, (await job.RunOnceAsync()).Reminders);
        Assert.Equal(0, (await job.RunOnceAsync()).Reminders);
        var first = Assert.Single(await MailsToAsync(app, "owner@example.org"));
        Assert.Equal("L'adhésion de Recyclerie du Sud au réseau prend fin le 31 décembre 2026", first.Subject);
        Assert.Contains($"/structures/{org.Id}/cotisation", first.TextBody);
        Assert.Contains("la cotisation est de 100 €", first.TextBody);

        app.Clock.Advance(TimeSpan.FromDays(23));   // 24 December
        await job.RunOnceAsync();
        var mails = await MailsToAsync(app, "owner@example.org");
        Assert.Equal(2, mails.Count);
        Assert.StartsWith("Plus que 7 jours", mails[1].Subject);
        Assert.Empty(await MailsToAsync(app, "renewer@example.org"));
        Assert.True(await IsMemberAsync(app, org.Id));

        app.Clock.Advance(TimeSpan.FromDays(8));    // 1 January 2027
        Assert.Equal(1, (await job.RunOnceAsync()).Expired);
        Assert.False(await IsMemberAsync(app, org.Id));
        Assert.True(await IsMemberAsync(app, renewed.Id));
        Assert.True(await IsMemberAsync(app, untracked.Id));
        var desk = Html.VisibleText(await (await app.SignedInAsync(Facilitator)).GetStringAsync("/animation/adhesions?etat=expired"));
        Assert.Contains("Recyclerie du Sud", desk);
        Assert.DoesNotContain("Atelier Roue Libre", desk);
    }

    [SkippableTheory, BothDatabases]
    public async Task Joining_online_asks_for_the_year_s_fee_and_a_year_never_paid_ends_the_membership_with_it(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().Named("Coop des Faubourgs").NotMember().SaveAsync(app);
        var owner = await app.CreateAccountAsync("owner@example.org");
        await AddAsync(app, org.Id, owner.Id, OrganizationRole.Owner);
        var client = await app.SignedInAsync("owner@example.org");

        var joined = await client.SubmitAsync($"/structures/{org.Id}/adhesion", new Dictionary<string, string> { ["Version"] = "1", ["Accept"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        var pending = await app.WithDbAsync((db, _) => db.Memberships.SingleAsync());
        Assert.Equal((2026, MembershipStatus.Pending, 40m), (pending.Year, pending.Status, pending.FeeEur));
        Assert.Contains("Votre adhésion 2026 attend son paiement : 40\u00a0€.", Html.VisibleText(await client.GetStringAsync($"/structures/{org.Id}/cotisation")));
        Assert.True(await IsMemberAsync(app, org.Id));

        app.Clock.Advance(TimeSpan.FromDays(42));   // 1 January 2027, never paid
        Assert.Equal(1, (await app.Services.GetRequiredService<MembershipJob>().RunOnceAsync()).Expired);
        Assert.False(await IsMemberAsync(app, org.Id));
        Assert.Contains("Structure non membre du réseau", Html.VisibleText(await app.GetPageAsync($"/structures/{org.Id}")));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_former_member_is_shown_as_such(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var staff = await app.SignedInAsync(Facilitator, SiteRoles.Facilitator);
        var org = await new OrganizationBuilder().Named("Recyclerie du Sud").NotMember().SaveAsync(app);
        await RecordAsync(staff, org.Id, new() { ["Year"] = "2025", ["Method"] = "cheque" });
        Assert.Contains("Membre du réseau", Html.VisibleText(await app.GetPageAsync($"/structures/{org.Id}")));

        await app.Services.GetRequiredService<MembershipJob>().RunOnceAsync();

        var profile = Html.VisibleText(await app.GetPageAsync($"/structures/{org.Id}"));
        Assert.Contains("Ancien membre du réseau", profile);
        Assert.DoesNotContain("Membre du réseau ·", profile);
    }

    [SkippableTheory, BothDatabases]
    public async Task Admins_change_the_fee_scale_which_later_memberships_follow(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignedInAsync("admin@example.org", SiteRoles.Admin);
        var staff = await app.SignedInAsync(Facilitator, SiteRoles.Facilitator);
        var org = await new OrganizationBuilder().Named("Atelier Roue Libre").NotMember().SaveAsync(app);
        var fields = new Dictionary<string, string>
        {
            ["Labels[individuel]"] = "Adhésion individuelle", ["Fees[individuel]"] = "20",
            ["Labels[structure]"] = "Petite structure", ["Fees[structure]"] = "45,50",
            ["Labels[structure-employeuse]"] = "", ["Fees[structure-employeuse]"] = "cent",
        };

        var refusedHtml = await (await admin.SubmitAsync("/admin/adhesions", fields)).Content.ReadAsStringAsync();
        var refused = Html.VisibleText(refusedHtml);
        Assert.Contains("Donnez un nom à ce barème.", refused);
        Assert.Contains("La cotisation doit être un nombre d'euros positif", refused);
        Assert.Contains("value=\"Petite structure\"", refusedHtml);
        Assert.Contains("value=\"cent\"", refusedHtml);
        (fields["Labels[structure-employeuse]"], fields["Fees[structure-employeuse]"]) = ("Structure employeuse", "120");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/admin/adhesions", fields)).StatusCode);
        var forbidden = await staff.GetAsync("/admin/adhesions");
        Assert.Equal(HttpStatusCode.Redirect, forbidden.StatusCode);
        Assert.StartsWith("/erreur/403", forbidden.Headers.Location?.PathAndQuery);

        await RecordAsync(staff, org.Id, new() { ["Year"] = "2026", ["Method"] = "transfer" });
        var recorded = await app.WithDbAsync((db, _) => db.Memberships.SingleAsync());
        Assert.Equal((45.5m, false), (recorded.FeeEur, recorded.Solidarity));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_facilitators_dashboard_counts_what_waits_for_them(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var staff = await app.SignedInAsync(Facilitator, SiteRoles.Facilitator);
        var owner = await app.CreateAccountAsync("owner@example.org");
        foreach (var name in new[] { "Coop des Faubourgs", "Atelier Roue Libre" })
        {
            var org = await new OrganizationBuilder().Named(name).NotMember().SaveAsync(app);
            await AddAsync(app, org.Id, owner.Id, OrganizationRole.Owner);
            await app.WithDbAsync((_, services) => services.GetRequiredService<Memberships>().RequestAsync(org.Id, 2026, default));
        }

        var page = Html.VisibleText(await staff.GetStringAsync("/animation"));

        Assert.Contains("Cotisations à enregistrer 2", page);
        Assert.Contains("Signalements à examiner 0", page);
        Assert.Contains("Demandes « Je ne trouve pas » 0", page);
        var member = await app.SignedInAsync("owner@example.org");
        Assert.Equal(HttpStatusCode.Redirect, (await member.GetAsync("/animation")).StatusCode);
    }

    static async Task<HttpResponseMessage> RecordAsync(HttpClient staff, Guid organizationId, Dictionary<string, string> fields, HttpStatusCode expected = HttpStatusCode.Redirect)
    {
        var path = $"/animation/adhesions/{organizationId}";
        var response = await staff.PostFormAsync(path, path, fields);
        Assert.Equal(expected, response.StatusCode);
        return response;
    }

    static async Task<Organization> Employer(TestApp app, string name, int employees)
    {
        var org = await new OrganizationBuilder().Named(name).NotMember().SaveAsync(app);
        await app.WithDbAsync(async db =>
        {
            await db.Organizations.Where(o => o.Id == org.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Employees, employees));
        });
        return org;
    }

    static async Task<Organization> IndividualAsync(TestApp app)
    {
        var person = await new OrganizationBuilder().Named("Dominique Durand").NotMember().SaveAsync(app);
        await app.WithDbAsync(async db =>
        {
            await db.Organizations.Where(o => o.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Kind, OrganizationKind.Individual));
        });
        return person;
    }

    static Task AddAsync(TestApp app, Guid organizationId, Guid userId, OrganizationRole role) =>
        app.WithDbAsync(async db =>
        {
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = organizationId, UserId = userId, Role = role, Since = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
        });

    static Task<bool> IsMemberAsync(TestApp app, Guid organizationId) =>
        app.WithDbAsync((db, _) => db.NetworkMemberships.AnyAsync(m => m.OrganizationId == organizationId && m.IsMember));

    static Task<List<OutboxMessage>> MailsToAsync(TestApp app, string address) =>
        app.WithDbAsync((db, _) => db.Set<OutboxMessage>().Where(m => m.ToAddress == address).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync());
}
