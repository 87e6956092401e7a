using ElBasar.Web.Features.Administration.Audit;
using System.Net;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Alerts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Directory.Charter;
using ElBasar.Web.Features.Events;
using ElBasar.Web.Features.Exchanges;
using ElBasar.Web.Features.Lending;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Membership;
using ElBasar.Web.Features.Membership.Import;
using ElBasar.Web.Features.Messaging;
using ElBasar.Web.Features.Moderation;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Directory.Merge;

public sealed class OrganizationMergeTests
{
    const string Facilitator = "animation@example.org";

    [SkippableTheory, BothDatabases]
    public async Task Merging_a_duplicate_moves_everything_that_referenced_it_to_the_kept_organisation_then_removes_it(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var staff = await app.SignedInAsync(Facilitator, SiteRoles.Facilitator);
        var staffId = await app.WithDbAsync((db, _) => db.Set<User>().Where(u => u.Email == Facilitator).Select(u => u.Id).SingleAsync());
        var kept = await new OrganizationBuilder().Named("Atelier Roue Libre").WithActivities("réparation de vélos").SaveAsync(app);
        var duplicate = await new OrganizationBuilder().Named("Atelier roue libre (ancienne fiche)").WithActivities("vélos d'occasion").WithExternalId("ancien-42").SaveAsync(app);
        var other = await new OrganizationBuilder().Named("Recyclerie du Sud").SaveAsync(app);
        var both = await app.CreateAccountAsync("claire@example.org");
        var only = await app.CreateAccountAsync("karim@example.org");
        var offer = await new ListingBuilder(duplicate).Titled("Prêt de pompe à vélo").SaveAsync(app);
        var demand = await new ListingBuilder(other).Titled("Cherche pompe").Demand().SaveAsync(app);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var home = await app.HomeNetworkIdAsync();

        await app.WithDbAsync(async (db, services) =>
        {
            db.OrganizationMembers.AddRange(
                new OrganizationMember { OrganizationId = kept.Id, UserId = both.Id, Role = OrganizationRole.Editor, Since = now },
                new OrganizationMember { OrganizationId = duplicate.Id, UserId = both.Id, Role = OrganizationRole.Owner, Since = now },
                new OrganizationMember { OrganizationId = duplicate.Id, UserId = only.Id, Role = OrganizationRole.Editor, Since = now });
            db.MemberDetails.Add(new MemberDetails { OrganizationId = duplicate.Id, Siret = "12345678900012", ContactName = "Claire", UpdatedAt = now });
            db.Set<Conversation>().Add(new Conversation { OrganizationId = duplicate.Id, StarterOrganizationId = other.Id, StarterUserId = only.Id, Subject = "La pompe", CreatedAt = now, LastMessageAt = now });
            db.Set<Exchange>().Add(new Exchange
            {
                FromOrganizationId = other.Id, ToOrganizationId = duplicate.Id, PairLowId = Min(other.Id, duplicate.Id), PairHighId = Max(other.Id, duplicate.Id),
                Description = "Prêt d'une pompe", Mode = "loan", Category = "equipment", Date = new DateOnly(2026, 10, 1), Month = 202610,
                Status = ExchangeStatus.Confirmed, FirstOfPair = true, CreatedAt = now,
            });
            db.Set<LendingItem>().Add(new LendingItem { OrganizationId = duplicate.Id, ListingId = offer.Id, CreatedAt = now });
            var evening = new Event { Title = "Apéro des voisins", Place = "À l'atelier", HostOrganizationId = duplicate.Id, StartsAt = now.AddDays(10), EndsAt = now.AddDays(10).AddHours(2), CreatedAt = now,
                NetworkId = home };
            db.Set<Event>().Add(evening);
            db.Set<EventRegistration>().Add(new EventRegistration { EventId = evening.Id, OrganizationId = duplicate.Id, UserId = only.Id, Name = "Karim", Email = "karim@example.org", Secret = "s3cret", RequestedAt = now });
            db.Set<DemandWatch>().Add(new DemandWatch { OrganizationId = duplicate.Id, Secret = "watch", CreatedAt = now });
            db.Set<CharterAcceptance>().Add(new CharterAcceptance { OrganizationId = duplicate.Id, UserId = both.Id, CharterVersion = 1, AcceptedAt = now });
            db.Set<ModerationReport>().Add(new ModerationReport { SubjectKind = ModerationSubjectKind.Organization, SubjectId = duplicate.Id, ReporterId = only.Id, CreatedAt = now });
            await db.SaveChangesAsync();
            db.Set<DemandWatchMatch>().Add(new DemandWatchMatch { OrganizationId = duplicate.Id, DemandId = demand.Id, OfferId = offer.Id, MatchedAt = now });
            db.Payments.Add(new Payment { OrganizationId = duplicate.Id, ListingId = offer.Id, Purpose = PaymentPurpose.Feature, AmountEur = 5, Status = PaymentStatus.Pending, Provider = "manual", CreatedAt = now });
            await db.SaveChangesAsync();
            var memberships = services.GetRequiredService<Memberships>();
            await memberships.RequestAsync(kept.Id, 2026, default);
            var (paid, _) = await memberships.RecordPaymentAsync(duplicate.Id, new Memberships.PaymentInput(2026, "cheque", null, null), staffId, default);
            Assert.NotNull(paid);
            await memberships.RecordPaymentAsync(duplicate.Id, new Memberships.PaymentInput(2025, "cash", null, null), staffId, default);
            return 0;
        });
        Assert.True((await ReferencesAsync(app, duplicate.Id)).Count >= 12);

        var preview = Html.VisibleText(await staff.GetStringAsync($"/animation/structures/fusionner?q=roue&garder={kept.Id}&doublon={duplicate.Id}"));
        Assert.Contains("annonces : 1", preview);
        Assert.Contains("adhésions et cotisations : 2", preview);
        Assert.Contains("personnes de la structure : 2", preview);
        var merged = await staff.PostFormAsync($"/animation/structures/fusionner?garder={kept.Id}&doublon={duplicate.Id}", "/animation/structures/fusionner",
            new Dictionary<string, string> { ["garder"] = kept.Id.ToString(), ["doublon"] = duplicate.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Contains("Les deux fiches sont fusionnées", Html.VisibleText(await staff.GetStringAsync(merged.Headers.Location!.OriginalString)));

        Assert.Empty(await ReferencesAsync(app, duplicate.Id));
        var audited = await app.WithDbAsync((db, _) => db.Set<AuditEntry>().SingleAsync(e => e.Action == AuditActions.OrganizationsMerged));
        Assert.Equal(kept.Id.ToString(), audited.SubjectId);
        await app.WithDbAsync(async (db, _) =>
        {
            Assert.False(await db.Organizations.AnyAsync(o => o.Id == duplicate.Id));
            var organization = await db.Organizations.Include(o => o.Activities).SingleAsync(o => o.Id == kept.Id);
            Assert.Equal("ancien-42", organization.ExternalId);
            Assert.Equal(["réparation de vélos", "vélos d'occasion"], organization.Activities.OrderBy(a => a.Position).Select(a => a.Label));
            Assert.Equal(kept.Id, await db.Listings.Where(l => l.Id == offer.Id).Select(l => l.OrganizationId).SingleAsync());
            var people = await db.OrganizationMembers.Where(m => m.OrganizationId == kept.Id).Select(m => new { m.UserId, m.Role }).ToListAsync();
            Assert.Equal([(both.Id, OrganizationRole.Owner), (only.Id, OrganizationRole.Editor)], people.Select(p => (p.UserId, p.Role)).OrderBy(p => p.Role));
            var years = await db.Memberships.Where(m => m.OrganizationId == kept.Id).OrderBy(m => m.Year).Select(m => new { m.Year, m.Status, m.ReceiptNumber }).ToListAsync();
            Assert.Equal([(2025, MembershipStatus.Active, "2026-0002"), (2026, MembershipStatus.Active, "2026-0001")], years.Select(y => (y.Year, y.Status, y.ReceiptNumber)));
            Assert.Equal("12345678900012", await db.MemberDetails.Where(d => d.OrganizationId == kept.Id).Select(d => d.Siret).SingleAsync());
            var exchange = await db.Set<Exchange>().SingleAsync();
            Assert.Equal((kept.Id, Min(kept.Id, other.Id), Max(kept.Id, other.Id), true), (exchange.ToOrganizationId, exchange.PairLowId, exchange.PairHighId, exchange.FirstOfPair));
            // The dashboard's pair key follows: the numbers of the kept organisation and its partner.
            var numbers = await db.ExchangeParties.ToDictionaryAsync(p => p.OrganizationId, p => p.Number);
            Assert.Equal(ExchangeParty.PairKey(numbers[exchange.PairLowId], numbers[exchange.PairHighId]), exchange.PairKey);
            Assert.Equal(kept.Id, await db.Set<Event>().Select(e => e.HostOrganizationId).SingleAsync());
            Assert.Equal(kept.Id, await db.Set<DemandWatch>().Select(w => w.OrganizationId).SingleAsync());
            Assert.Equal(kept.Id, await db.Set<ModerationReport>().Select(r => r.SubjectId).SingleAsync());
            Assert.Equal(1, await db.Payments.CountAsync(p => p.OrganizationId == kept.Id));
            Assert.Equal(1, await db.Set<LendingItem>().CountAsync(i => i.OrganizationId == kept.Id));
            Assert.Equal(1, await db.Set<Conversation>().CountAsync(c => c.OrganizationId == kept.Id));
            return 0;
        });
    }

    [SkippableTheory, BothDatabases]
    public async Task Merging_an_organisation_with_itself_is_refused_and_only_staff_may_merge(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var staff = await app.SignedInAsync(Facilitator, SiteRoles.Facilitator);
        var org = await new OrganizationBuilder().SaveAsync(app);
        var second = await new OrganizationBuilder().Named("Atelier Roue Libre bis").SaveAsync(app);

        var same = await staff.PostFormAsync("/animation/structures/fusionner", "/animation/structures/fusionner",
            new Dictionary<string, string> { ["garder"] = org.Id.ToString(), ["doublon"] = org.Id.ToString() });
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Contains("Choisissez deux fiches différentes", Html.VisibleText(await same.Content.ReadAsStringAsync()));
        var search = Html.VisibleText(await staff.GetStringAsync("/animation/structures/fusionner?q=roue"));
        Assert.Contains("Atelier Roue Libre bis", search);

        var member = await app.SignedInAsync("membre@example.org", SiteRoles.Member);
        var refused = await member.PostAsync("/animation/structures/fusionner",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["garder"] = org.Id.ToString(), ["doublon"] = second.Id.ToString() }));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(2, await app.WithDbAsync((db, _) => db.Organizations.CountAsync(o => o.Id == org.Id || o.Id == second.Id)));
    }

    static Guid Min(Guid a, Guid b) => a.CompareTo(b) < 0 ? a : b;
    static Guid Max(Guid a, Guid b) => a.CompareTo(b) < 0 ? b : a;

    /// <summary>Every table and column of the database whose name ends in organization_id (and the pairs and subjects that name one), with rows holding <paramref name="id"/>.</summary>
    static Task<List<string>> ReferencesAsync(TestApp app, Guid id) => app.WithDbAsync(async (db, _) =>
    {
        var columns = db.Database.IsNpgsql()
            ? await db.Database.SqlQueryRaw<string>("SELECT table_name || '.' || column_name AS \"Value\" FROM information_schema.columns WHERE table_schema = current_schema() AND column_name LIKE '%organization_id'").ToListAsync()
            : await db.Database.SqlQueryRaw<string>("SELECT m.name || '.' || p.name AS \"Value\" FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name LIKE '%organization_id'").ToListAsync();
        Assert.Contains("listings.organization_id", columns);
        columns.AddRange(["exchanges.pair_low_id", "exchanges.pair_high_id", "moderation_reports.subject_id", "moderation_log.subject_id"]);
        var found = new List<string>();
        foreach (var column in columns)
        {
            var parts = column.Split('.');
            var sql = $"SELECT COUNT(*) AS \"Value\" FROM \"{parts[0]}\" WHERE \"{parts[1]}\" = {{0}}";
            for (var i = await db.Database.SqlQueryRaw<int>(sql, id).SingleAsync(); i > 0; i--) found.Add(column);
        }
        return found;
    });
}
