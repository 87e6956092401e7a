using System.Net;
using ElBasar.Tests.Features.Directory;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Lending;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ElBasar.Tests.Features.Lending.Lenders;

namespace ElBasar.Tests.Features.Lending;

public sealed class LendingPageTests
{
    [SkippableTheory, BothDatabases]
    public async Task Done_when_three_tents_in_Bethune_two_overlapping_weekends_pickup_return_late_and_feed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var bethune = await PartyAsync(app, "La Ressourcerie de Béthune", "pret@bethune.example.org", commune: "Béthune");
        var arras = await PartyAsync(app, "Les Jardins d'Arras", "emprunt@arras.example.org");
        var lens = await PartyAsync(app, "Centre social de Lens", "emprunt@lens.example.org");

        // The structure lists its three tents through the form.
        var created = await TestAccounts.PostFormAsync(bethune.Person.Browser, "/pret/nouveau", "/pret/nouveau", new Dictionary<string, string>
        {
            ["Input.OrganizationId"] = bethune.Organization.Id.ToString(), ["Input.Title"] = "Tente de réception 3x3 m",
            ["Input.Description"] = "Tentes pliantes avec lests.", ["Input.Category"] = "equipment", ["Input.Quantity"] = "3",
            ["Input.DepositEur"] = "150", ["Input.FeeEur"] = "", ["Input.MaxLoanDays"] = "4", ["Input.Conditions"] = "Rendre sèches.",
            ["Input.PickupPlace"] = "Rue d'Arras, Béthune", ["Input.PickupHours"] = "Vendredi 16 h-18 h", ["Input.Audience"] = "members",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var itemPath = created.Headers.Location!.OriginalString;
        var itemId = Guid.Parse(itemPath.Split('/')[^1]);

        // Arras asks for two tents on the weekend of the 5th, Lens for two on the overlapping Saturday-Monday.
        async Task<HttpResponseMessage> AskAsync(Party who, string from, string to) =>
            await TestAccounts.PostFormAsync(who.Person.Browser, itemPath, itemPath, new Dictionary<string, string>
            {
                ["du"] = from, ["au"] = to, ["AsOrganization"] = who.Organization.Id.ToString(), ["Message"] = "Pour la fête des voisins",
            });
        var first = await AskAsync(arras, "2026-12-04", "2026-12-06");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AskAsync(arras, "2026-12-05", "2026-12-06")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AskAsync(lens, "2026-12-05", "2026-12-07")).StatusCode);
        var refused = await AskAsync(lens, "2026-12-06", "2026-12-07");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedText = Html.VisibleText(await refused.Content.ReadAsStringAsync());
        Assert.Contains("déjà entièrement réservé le dimanche 6 décembre 2026", refusedText);
        Assert.Contains("value=\"2026-12-06\"", await TestAccounts.PostFormAsync(lens.Person.Browser, itemPath, itemPath,
            new Dictionary<string, string> { ["du"] = "2026-12-06", ["au"] = "2026-12-07", ["AsOrganization"] = lens.Organization.Id.ToString() }).Result.Content.ReadAsStringAsync());

        // The calendar of December shows the Saturday and Sunday full, never more than three.
        var calendar = Html.VisibleText(await app.CreateClient().GetStringAsync($"{itemPath}?mois=2026-12"));
        Assert.Contains("Décembre 2026", calendar);
        Assert.Contains("complet", calendar);
        Assert.Contains("2 libres sur 3", calendar);
        await app.WithDbAsync(async db => Assert.All(await db.ReservationDays.GroupBy(d => d.Day).Select(g => g.Count()).ToListAsync(), n => Assert.InRange(n, 1, 3)));

        // The lender sees the requests, approves Arras's first one through its page, records pickup.
        var desk = Html.VisibleText(await bethune.Person.Browser.PageAsync($"/pret/structure/{bethune.Organization.Id}"));
        Assert.Contains("Demandes à traiter", desk);
        var reservationPath = first.Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.Redirect, (await TestAccounts.PostFormAsync(bethune.Person.Browser, reservationPath, reservationPath + "?handler=Approve",
            new Dictionary<string, string> { ["Text"] = "C'est noté !" })).StatusCode);
        Assert.Contains(await SignedIn.MailsToAsync(app, arras.Person.Email), m => m.Subject.Contains("Demande acceptée"));
        app.Clock.Advance(TimeSpan.FromDays(14)); // Friday 4 December
        Assert.Equal(HttpStatusCode.Redirect, (await TestAccounts.PostFormAsync(bethune.Person.Browser, reservationPath, reservationPath + "?handler=Checkout",
            new Dictionary<string, string> { ["Text"] = "Trois tentes complètes" })).StatusCode);

        // Not back on Monday: the late reminder goes once, and the lender sees it first.
        app.Clock.Advance(TimeSpan.FromDays(3));
        await app.Services.GetRequiredService<LoanReminderJob>().RunOnceAsync();
        Assert.Single(await SignedIn.MailsToAsync(app, arras.Person.Email), m => m.Subject.StartsWith("Retour en retard"));
        var late = Html.VisibleText(await bethune.Person.Browser.PageAsync($"/pret/structure/{bethune.Organization.Id}"));
        Assert.True(late.IndexOf("En retard", StringComparison.Ordinal) < late.IndexOf("Demandes à traiter", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, (await TestAccounts.PostFormAsync(bethune.Person.Browser, reservationPath, reservationPath + "?handler=Return",
            new Dictionary<string, string> { ["Text"] = "Une tente humide", ["Damage"] = "Un lest fendu", ["Deposit"] = "Caution rendue" })).StatusCode);
        Assert.Contains("Un lest fendu", Html.VisibleText(await arras.Person.Browser.PageAsync(reservationPath)));

        var feed = await app.CreateClient().GetStringAsync($"/items/{itemId}.ics");
        RfcRules.AssertValid(feed);
        Assert.Contains("DTSTART;VALUE=DATE:20261204\r\nDTEND;VALUE=DATE:20261207", RfcRules.Unfold(feed));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_item_form_keeps_what_was_typed_and_explains_in_french(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lender = await PartyAsync(app, "La Ressourcerie de Béthune", "pret@bethune.example.org");
        var response = await TestAccounts.PostFormAsync(lender.Person.Browser, "/pret/nouveau", "/pret/nouveau", new Dictionary<string, string>
        {
            ["Input.OrganizationId"] = lender.Organization.Id.ToString(), ["Input.Title"] = "Scie sauteuse", ["Input.Quantity"] = "deux",
            ["Input.Category"] = "equipment", ["Input.MaxLoanDays"] = "7",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("La quantité « deux » doit être un nombre entier", Html.VisibleText(html));
        Assert.Contains("value=\"Scie sauteuse\"", html);
        Assert.Contains("value=\"deux\"", html);
        await app.WithDbAsync(async db => Assert.Equal(0, await db.LendingItems.CountAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_quantity_never_drops_below_what_a_day_ahead_holds(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lender = await PartyAsync(app, "La Ressourcerie de Béthune", "pret@bethune.example.org");
        var borrower = await PartyAsync(app, "Les Jardins d'Arras", "emprunt@arras.example.org");
        var item = await lender.ItemAsync(quantity: 3, autoApprove: true);
        await ReservedAsync(await borrower.ReserveAsync(item, "2026-12-05", "2026-12-05"));
        await ReservedAsync(await borrower.ReserveAsync(item, "2026-12-05", "2026-12-06"));

        Dictionary<string, string> Form(string quantity) => new()
        {
            ["Input.Quantity"] = quantity, ["Input.DepositEur"] = "80", ["Input.FeeEur"] = "", ["Input.MaxLoanDays"] = "5",
            ["Input.Conditions"] = "", ["Input.PickupPlace"] = "Béthune", ["Input.PickupHours"] = "", ["Input.Audience"] = "everyone",
        };
        var refused = await TestAccounts.PostFormAsync(lender.Person.Browser, $"/pret/{item}/modifier", $"/pret/{item}/modifier", Form("1"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("samedi 5 décembre 2026", Html.VisibleText(await refused.Content.ReadAsStringAsync()));
        var saved = await TestAccounts.PostFormAsync(lender.Person.Browser, $"/pret/{item}/modifier", $"/pret/{item}/modifier", Form("2"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await app.WithDbAsync(async db =>
        {
            var changed = await db.LendingItems.SingleAsync();
            Assert.Equal((2, 80m, LendingAudience.Everyone, false), (changed.Quantity, changed.DepositEur!.Value, changed.Audience, changed.AutoApprove));
        });
        Assert.Equal(HttpStatusCode.Conflict, (await borrower.ReserveAsync(item, "2026-12-05", "2026-12-05")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await borrower.Person.Browser.GetAsync($"/pret/{item}/modifier")).StatusCode);

        var mine = Html.VisibleText(await borrower.Person.Browser.PageAsync("/pret/mes-emprunts"));
        Assert.Contains("du samedi 5 décembre 2026 au dimanche 6 décembre 2026", mine);
    }
}
