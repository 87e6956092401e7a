using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Features.Directory;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Exchanges;
using ElBasar.Web.Features.Lending;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ElBasar.Tests.Features.Lending.Lenders;

namespace ElBasar.Tests.Features.Lending;

public sealed class LendingCycleTests
{
    // The test clock: Friday 20 November 2026, 10:00 in Paris.

    [SkippableTheory, BothDatabases]
    public async Task Request_approve_checkout_return_goes_round_with_the_mails(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lender = await PartyAsync(app, "Recyclerie de l'Artois", "pret@artois.example.org");
        var borrower = await PartyAsync(app, "Les Jardins d'Arras", "emprunt@jardins.example.org");
        var item = await lender.ItemAsync("Vélo cargo biporteur");

        var (id, status) = await ReservedAsync(await borrower.ReserveAsync(item, "2026-11-28", "2026-11-29"));
        Assert.Equal("pending", status);
        Assert.Contains(await SignedIn.MailsToAsync(app, lender.Person.Email), m => m.Subject.Contains("Demande de prêt"));

        var approved = await lender.ActAsync(id, "approve", new { message = "Avec plaisir, passez mardi." });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("confirmed", (await JsonAsync(approved)).GetProperty("status").GetString());
        var accepted = Assert.Single(await SignedIn.MailsToAsync(app, borrower.Person.Email), m => m.Subject.Contains("Demande acceptée"));
        Assert.Contains("Avec plaisir, passez mardi.", accepted.TextBody);

        var lent = await lender.ActAsync(id, "checkout", new { note = "Pneus gonflés, une rayure sur le bac." });
        Assert.Equal("lent", (await JsonAsync(lent)).GetProperty("status").GetString());
        app.Clock.Advance(TimeSpan.FromDays(9));
        var back = await lender.ActAsync(id, "return", new { note = "Rendu propre.", damage = "Béquille tordue", deposit = "Caution rendue, 10 € retenus pour la béquille" });
        var returned = await JsonAsync(back);
        Assert.Equal("returned", returned.GetProperty("status").GetString());
        Assert.Equal("Béquille tordue", returned.GetProperty("damage").GetString());
        Assert.Contains(await SignedIn.MailsToAsync(app, borrower.Person.Email), m => m.Subject.Contains("Retour enregistré"));

        var completed = await app.WithDbAsync((_, s) => s.GetRequiredService<CompletedLoans>().ListAsync());
        var loan = Assert.Single(completed);
        Assert.Equal((id, lender.Organization.Id, (Guid?)borrower.Organization.Id, "Vélo cargo biporteur"), (loan.ReservationId, loan.LenderOrganizationId, loan.BorrowerOrganizationId, loan.ItemTitle));
        Assert.Equal(new DateOnly(2026, 11, 29), loan.ReturnDate);
        Assert.Equal(10, loan.DaysLent);
        Assert.Equal("equipment", loan.Category);

        // The loan is now an exchange, declared by the lender, for the borrower to confirm; once only.
        var exchange = await app.WithDbAsync((db, _) => db.Exchanges.SingleAsync());
        Assert.Equal((lender.Organization.Id, borrower.Organization.Id, "loan", ExchangeStatus.Declared, "Prêt : Vélo cargo biporteur"),
            (exchange.FromOrganizationId, exchange.ToOrganizationId, exchange.Mode, exchange.Status, exchange.Description));
        Assert.Equal(new DateOnly(2026, 11, 29), exchange.Date);
        Assert.Equal(HttpStatusCode.Conflict, (await lender.ActAsync(id, "return", new { note = "Encore ?" })).StatusCode);
        Assert.Equal(1, await app.WithDbAsync((db, _) => db.Exchanges.CountAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task Automatic_approval_confirms_at_once_and_a_taken_date_is_a_409(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lender = await PartyAsync(app, "Recyclerie de l'Artois", "pret@artois.example.org");
        var borrower = await PartyAsync(app, "Les Jardins d'Arras", "emprunt@jardins.example.org");
        var item = await lender.ItemAsync(autoApprove: true);

        Assert.Equal("confirmed", (await ReservedAsync(await borrower.ReserveAsync(item, "2026-12-05", "2026-12-06"))).Status);
        var taken = await borrower.ReserveAsync(item, "2026-12-06", "2026-12-07");
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("application/problem+json", taken.Content.Headers.ContentType?.MediaType);
        Assert.Contains("6 décembre", (await JsonAsync(taken)).GetProperty("detail").GetString());

        var availability = await JsonAsync(await app.CreateClient().GetAsync($"/api/v1/items/{item}/availability?from=2026-12-04&to=2026-12-07"));
        Assert.False(availability.GetProperty("available").GetBoolean());
        Assert.Equal([1, 0, 0, 1], availability.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("free").GetInt32()));
    }

    [SkippableTheory, BothDatabases]
    public async Task Bad_ranges_answer_400_naming_the_field_never_500(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lender = await PartyAsync(app, "Recyclerie de l'Artois", "pret@artois.example.org");
        var borrower = await PartyAsync(app, "Les Jardins d'Arras", "emprunt@jardins.example.org");
        var item = await lender.ItemAsync(maxLoanDays: 3);

        foreach (var (from, to, field) in new[] { ("2026-12-05", "2026-12-01", "to"), ("2026-11-10", "2026-11-12", "from"),
                     ("2026-12-01", "2026-12-10", "to"), ("demain", "2026-12-10", "from") })
        {
            var response = await borrower.ReserveAsync(item, from, to);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _), $"{from}..{to} should name {field}");
        }
        var malformed = await borrower.Person.Api.PostAsync($"/api/v1/items/{item}/reservations", new StringContent("{\"from\": [1]", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var wrongType = await borrower.Person.Api.PostAsJsonAsync($"/api/v1/items/{item}/reservations", new { from = true, to = "2026-12-02" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateClient().GetAsync($"/api/v1/items/{item}/availability?from=x&to=2026-12-01")).StatusCode);
        var badItem = await lender.Person.Api.PostAsJsonAsync("/api/v1/items", new { organizationId = lender.Organization.Id, title = "", quantity = "trois", depositEur = "beaucoup" });
        Assert.Equal(HttpStatusCode.BadRequest, badItem.StatusCode);
        var errors = (await JsonAsync(badItem)).GetProperty("errors");
        Assert.Contains("« trois »", errors.GetProperty("quantity")[0].GetString());
        Assert.True(errors.TryGetProperty("title", out _));
        Assert.True(errors.TryGetProperty("depositEur", out _));
    }

    [SkippableTheory, BothDatabases]
    public async Task Only_the_lender_approves_and_only_the_parties_see_the_loan(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lender = await PartyAsync(app, "Recyclerie de l'Artois", "pret@artois.example.org");
        var borrower = await PartyAsync(app, "Les Jardins d'Arras", "emprunt@jardins.example.org");
        var stranger = await PartyAsync(app, "Café des Possibles", "cafe@possibles.example.org");
        var item = await lender.ItemAsync();
        var (id, _) = await ReservedAsync(await borrower.ReserveAsync(item, "2026-12-05", "2026-12-06"));

        Assert.Equal(HttpStatusCode.Forbidden, (await borrower.ActAsync(id, "approve")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.ActAsync(id, "approve")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.ActAsync(id, "cancel")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Person.Api.GetAsync($"/api/v1/reservations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Person.Browser.GetAsync($"/pret/reservations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await borrower.Person.Api.GetAsync($"/api/v1/reservations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lender.Person.Browser.GetAsync($"/pret/reservations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync($"/api/v1/items/{item}/reservations", new { from = "2026-12-05", to = "2026-12-05" })).StatusCode);

        // Borrowing for a structure one does not belong to, or for oneself when only members may borrow, is refused.
        var forOthers = await stranger.Person.Api.PostAsJsonAsync($"/api/v1/items/{item}/reservations", new { from = "2026-12-10", to = "2026-12-10", asOrganizationId = borrower.Organization.Id });
        Assert.Equal(HttpStatusCode.BadRequest, forOthers.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await stranger.ReserveAsync(item, "2026-12-10", "2026-12-10", personal: true)).StatusCode);

        var cancelled = await JsonAsync(await borrower.ActAsync(id, "cancel", new { reason = "La fête est reportée." }));
        Assert.Equal(("cancelled", "La fête est reportée.", "borrower"),
            (cancelled.GetProperty("status").GetString(), cancelled.GetProperty("cancelReason").GetString(), cancelled.GetProperty("cancelledBy").GetString()));
        Assert.Contains(await SignedIn.MailsToAsync(app, lender.Person.Email), m => m.Subject.Contains("annulée") && m.TextBody.Contains("La fête est reportée."));
        // The days are free again.
        Assert.Equal("pending", (await ReservedAsync(await stranger.ReserveAsync(item, "2026-12-05", "2026-12-06"))).Status);
    }

    [SkippableTheory, BothDatabases]
    public async Task Members_only_items_refuse_non_members_and_open_items_take_individuals(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lender = await PartyAsync(app, "Recyclerie de l'Artois", "pret@artois.example.org");
        var partner = await PartyAsync(app, "Réseau voisin", "voisin@partenaire.example.org", member: false);
        var membersOnly = await lender.ItemAsync("Scie sauteuse");
        var open = await lender.ItemAsync("Remorque", audience: "everyone");

        Assert.Equal(HttpStatusCode.BadRequest, (await partner.ReserveAsync(membersOnly, "2026-12-05", "2026-12-05")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await partner.ReserveAsync(open, "2026-12-05", "2026-12-05")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await partner.ReserveAsync(open, "2026-12-12", "2026-12-12", personal: true)).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task Reminders_go_the_day_before_pickup_and_return_and_once_when_late(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lender = await PartyAsync(app, "Recyclerie de l'Artois", "pret@artois.example.org");
        var borrower = await PartyAsync(app, "Les Jardins d'Arras", "emprunt@jardins.example.org");
        var item = await lender.ItemAsync(autoApprove: true);
        var (id, _) = await ReservedAsync(await borrower.ReserveAsync(item, "2026-11-22", "2026-11-24"));
        var job = app.Services.GetRequiredService<LoanReminderJob>();

        Assert.Equal(0, await job.RunOnceAsync());
        app.Clock.Advance(TimeSpan.FromDays(1)); // Saturday 21: pickup tomorrow
        Assert.Equal(1, await job.RunOnceAsync());
        Assert.Equal(0, await job.RunOnceAsync());
        Assert.Single(await SignedIn.MailsToAsync(app, borrower.Person.Email), m => m.Subject.StartsWith("Retrait le"));
        Assert.Single(await SignedIn.MailsToAsync(app, lender.Person.Email), m => m.Subject.StartsWith("Retrait le"));

        await lender.ActAsync(id, "checkout");
        app.Clock.Advance(TimeSpan.FromDays(2)); // Monday 23: return tomorrow
        Assert.Equal(1, await job.RunOnceAsync());
        Assert.Single(await SignedIn.MailsToAsync(app, borrower.Person.Email), m => m.Subject.StartsWith("Retour le"));
        app.Clock.Advance(TimeSpan.FromDays(2)); // Wednesday 25: late
        Assert.Equal(1, await job.RunOnceAsync());
        Assert.Equal(0, await job.RunOnceAsync());
        Assert.Single(await SignedIn.MailsToAsync(app, borrower.Person.Email), m => m.Subject.StartsWith("Retour en retard"));
        Assert.Single(await SignedIn.MailsToAsync(app, lender.Person.Email), m => m.Subject.StartsWith("Retour en retard"));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_item_feed_and_the_organisation_feed_are_valid_icalendar(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lender = await PartyAsync(app, "Recyclerie de l'Artois", "pret@artois.example.org");
        var borrower = await PartyAsync(app, "Les Jardins d'Arras, Arras; Pas-de-Calais", "emprunt@jardins.example.org");
        var item = await lender.ItemAsync("Tente de réception, 3x3 m; avec bâche", quantity: 3, autoApprove: true);
        await ReservedAsync(await borrower.ReserveAsync(item, "2026-12-05", "2026-12-06"));
        await TestAccounts.PostFormAsync(lender.Person.Browser, $"/pret/{item}", $"/pret/{item}?handler=Block",
            new Dictionary<string, string> { ["BlockFrom"] = "2026-12-24", ["BlockTo"] = "2026-12-26", ["Block"] = "true" });

        var response = await app.CreateClient().GetAsync($"/items/{item}.ics");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        RfcRules.AssertValid(text);
        var unfolded = RfcRules.Unfold(text);
        Assert.Contains("DTSTART;VALUE=DATE:20261205\r\nDTEND;VALUE=DATE:20261207", unfolded);
        Assert.Contains(@"SUMMARY:Tente de réception\, 3x3 m\; avec bâche : réservé (1 sur 3)", unfolded);
        Assert.Contains("DTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:20261227", unfolded);
        Assert.DoesNotContain("Jardins", unfolded); // the public feed names nobody

        var page = await lender.Person.Browser.PageAsync($"/pret/structure/{lender.Organization.Id}");
        var feed = System.Text.RegularExpressions.Regex.Match(page, "/structures/[0-9a-f-]+/prets\\.ics\\?cle=[^\"]+").Value;
        Assert.NotEmpty(feed);
        var orgText = await app.CreateClient().GetStringAsync(System.Net.WebUtility.HtmlDecode(feed));
        RfcRules.AssertValid(orgText);
        Assert.Contains(@"Jardins d'Arras\, Arras\; Pas-de-Calais", RfcRules.Unfold(orgText));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/structures/{lender.Organization.Id}/prets.ics?cle=faux")).StatusCode);
    }
}
