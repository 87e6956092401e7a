using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Features.Directory;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Exchanges;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ElBasar.Tests.Features.Exchanges.ImpactTests;

namespace ElBasar.Tests.Features.Exchanges;

public sealed class ExchangeTests
{
    static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    static bool Names(JsonElement problem, string field) => problem.GetProperty("errors").TryGetProperty(field, out _);

    [SkippableTheory, BothDatabases]
    public async Task Through_the_api_only_the_other_party_confirms_and_only_parties_of_a_confirmed_exchange_rate(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lille = await PartyAsync(app, "Atelier Lillois", "association", "59350", "Lille", 50.6292, 3.0573);
        var arras = await PartyAsync(app, "Ressourcerie d'Arras", "association", "62041", "Arras", 50.2910, 2.7775);
        var stranger = await PartyAsync(app, "SCIC Amiénoise", "scic", "80021", "Amiens", 49.8942, 2.2957);

        var body = new Dictionary<string, object?>
        {
            ["asOrganizationId"] = lille.Organization.Id, ["counterpartOrganizationId"] = arras.Organization.Id, ["mode"] = "help",
            ["date"] = "2026-11-02", ["description"] = "Coup de main pour l'inventaire", ["hours"] = 4.5, ["estimatedValueEur"] = 90,
        };
        // Bad input names its field, and never reaches the database.
        var bad = await lille.Client.PostAsJsonAsync("/api/v1/exchanges", new Dictionary<string, object?>(body) { ["date"] = "hier", ["mode"] = "cadeau" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await JsonAsync(bad);
        Assert.True(Names(problem, "date") && Names(problem, "mode"));
        var noHours = await lille.Client.PostAsJsonAsync("/api/v1/exchanges", new Dictionary<string, object?>(body) { ["hours"] = null });
        Assert.True(Names(await JsonAsync(noHours), "hours"));
        var market = await lille.Client.PostAsJsonAsync("/api/v1/exchanges", new Dictionary<string, object?>(body) { ["mode"] = "sale", ["amountEur"] = "beaucoup" });
        Assert.True(Names(await JsonAsync(market), "amountEur"));
        var wrongType = await lille.Client.PostAsJsonAsync("/api/v1/exchanges", new Dictionary<string, object?>(body) { ["counterpartOrganizationId"] = 12 });
        Assert.True(Names(await JsonAsync(wrongType), "counterpartOrganizationId"));
        var broken = await lille.Client.PostAsync("/api/v1/exchanges", new StringContent("{", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        // Only for one's own organisations.
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Client.PostAsJsonAsync("/api/v1/exchanges", body)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.Exchanges.CountAsync()));

        var created = await lille.Client.PostAsJsonAsync("/api/v1/exchanges", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var exchange = await JsonAsync(created);
        Assert.Equal("declared", exchange.GetProperty("status").GetString());
        Assert.Equal(4.5m, exchange.GetProperty("hours").GetDecimal());
        var id = exchange.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/exchanges/{id}", created.Headers.Location?.OriginalString);

        // Nobody rates an exchange that is not confirmed; the declaring side does not confirm its own; a stranger sees nothing.
        var early = await arras.Client.PostAsJsonAsync($"/api/v1/exchanges/{id}/feedback", new { rating = 5, comment = "Parfait" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lille.Client.PostAsync($"/api/v1/exchanges/{id}/confirm", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.PostAsync($"/api/v1/exchanges/{id}/confirm", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/api/v1/exchanges/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Client.PostAsync($"/api/v1/exchanges/{id}/confirm?onBehalf=true", null)).StatusCode);

        var confirmed = await arras.Client.PostAsync($"/api/v1/exchanges/{id}/confirm", null);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("confirmed", (await JsonAsync(confirmed)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await arras.Client.PostAsync($"/api/v1/exchanges/{id}/confirm", null)).StatusCode);

        var outOfRange = await arras.Client.PostAsJsonAsync($"/api/v1/exchanges/{id}/feedback", new { rating = 7, comment = "Trop bien" });
        Assert.True(Names(await JsonAsync(outOfRange), "rating"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.PostAsJsonAsync($"/api/v1/exchanges/{id}/feedback", new { rating = 1, comment = "Jamais vus" })).StatusCode);
        var rated = await arras.Client.PostAsJsonAsync($"/api/v1/exchanges/{id}/feedback", new { rating = 5, comment = "Une équipe efficace et souriante." });
        Assert.Equal(HttpStatusCode.Created, rated.StatusCode);
        Assert.Equal(lille.Organization.Id, (await JsonAsync(rated)).GetProperty("subjectOrganizationId").GetGuid());
        Assert.Equal(HttpStatusCode.Conflict, (await arras.Client.PostAsJsonAsync($"/api/v1/exchanges/{id}/feedback", new { rating = 4, comment = "Encore" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await lille.Client.PostAsJsonAsync($"/api/v1/exchanges/{id}/feedback", new { rating = 4, comment = "Merci pour l'accueil." })).StatusCode);

        // The profile shows the count and the comments, with the exchange they came from.
        var profile = Html.VisibleText(await app.CreateClient().GetStringAsync($"/structures/{lille.Organization.Id}"));
        Assert.Contains("Recommandations (1)", profile);
        Assert.Contains("Une équipe efficace et souriante.", profile);
        Assert.Contains("Coup de main pour l'inventaire", profile);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_disputed_exchange_is_corrected_then_a_facilitator_confirms_it_for_the_party_who_phoned(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lille = await PartyAsync(app, "Atelier Lillois", "association", "59350", "Lille", 50.6292, 3.0573);
        var arras = await PartyAsync(app, "Ressourcerie d'Arras", "association", "62041", "Arras", 50.2910, 2.7775);
        var (facilitator, facilitatorId) = await SignedIn.PersonAsync(app, "anim@exemple.org", "Camille Animatrice", "facilitator");
        var id = await DeclareAsync(app, lille, arras, "sale", "2026-11-02", "Vente de palettes", amount: "120");

        // The page form keeps what was typed when it fails.
        var noComment = await TestAccounts.PostFormAsync(arras.Client, $"/echanges/{id}", $"/echanges/{id}?handler=Dispute", new Dictionary<string, string> { ["Comment"] = "" });
        Assert.Contains("Dites en quelques mots", Html.VisibleText(await noComment.Content.ReadAsStringAsync()));
        var disputed = await TestAccounts.PostFormAsync(arras.Client, $"/echanges/{id}", $"/echanges/{id}?handler=Dispute", new Dictionary<string, string> { ["Comment"] = "C'était 100 €." });
        Assert.Equal(HttpStatusCode.Redirect, disputed.StatusCode);
        Assert.Contains("C'était 100 €.", Html.VisibleText(await lille.Client.GetStringAsync($"/echanges/{id}")));

        // The declaring side corrects it (a bad amount is shown back as typed), then it waits again.
        var edit = $"/echanges/{id}/modifier";
        var fields = new Dictionary<string, string>
        {
            ["Input.AsOrganizationId"] = lille.Organization.Id.ToString(), ["Input.CounterpartOrganizationId"] = arras.Organization.Id.ToString(),
            ["Input.Mode"] = "sale", ["Input.Date"] = "2026-11-02", ["Input.Description"] = "Vente de palettes", ["Input.AmountEur"] = "cent euros",
        };
        var wrong = await TestAccounts.PostFormAsync(lille.Client, edit, edit, fields);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var wrongPage = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("value=\"cent euros\"", wrongPage);
        Assert.Contains("Indiquez le montant en euros", Html.VisibleText(wrongPage));
        Assert.Equal(HttpStatusCode.Redirect, (await TestAccounts.PostFormAsync(lille.Client, edit, edit, new Dictionary<string, string>(fields) { ["Input.AmountEur"] = "100" })).StatusCode);
        var corrected = await app.WithDbAsync((db, _) => db.Exchanges.SingleAsync());
        Assert.Equal((ExchangeStatus.Declared, 10000L, (string?)null), (corrected.Status, corrected.AmountCents!.Value, corrected.DisputeComment));
        Assert.Equal(HttpStatusCode.NotFound, (await arras.Client.GetAsync(edit)).StatusCode);

        // A member who is not a party cannot confirm for anyone; the facilitator can, and it is recorded.
        Assert.Equal(HttpStatusCode.Redirect, (await TestAccounts.PostFormAsync(facilitator, $"/echanges/{id}", $"/echanges/{id}?handler=ConfirmForParty", new Dictionary<string, string>())).StatusCode);
        var done = await app.WithDbAsync((db, _) => db.Exchanges.SingleAsync());
        Assert.Equal((ExchangeStatus.Confirmed, true, facilitatorId), (done.Status, done.ConfirmedByFacilitator, done.ConfirmedById!.Value));
        Assert.Contains("par l'équipe d'animation", Html.VisibleText(await lille.Client.GetStringAsync($"/echanges/{id}")));
        // Confirmed: no more edits.
        Assert.Equal(HttpStatusCode.NotFound, (await lille.Client.GetAsync(edit)).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task Closing_a_listing_as_pourvue_offers_the_exchange_prefilled_and_a_recommendation_is_reported_and_hidden(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lille = await PartyAsync(app, "Atelier Lillois", "association", "59350", "Lille", 50.6292, 3.0573);
        var arras = await PartyAsync(app, "Ressourcerie d'Arras", "association", "62041", "Arras", 50.2910, 2.7775);
        var (moderator, _) = await SignedIn.PersonAsync(app, "anim@exemple.org", "Camille Animatrice", "facilitator");
        var listing = await new ListingBuilder(lille.Organization).Titled("Prêt d'une remorque").InCategory("mobility").WithModes("loan").SaveAsync(app);

        var close = await TestAccounts.PostFormAsync(lille.Client, $"/annonces/{listing.Id}", $"/annonces/{listing.Id}/modifier?handler=Close", new Dictionary<string, string> { ["outcome"] = "fulfilled" });
        Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);
        var page = await lille.Client.GetStringAsync($"/annonces/{listing.Id}");
        Assert.Contains($"/echanges/nouveau?annonce={listing.Id}", page);

        var form = await lille.Client.GetStringAsync($"/echanges/nouveau?annonce={listing.Id}");
        Assert.Contains("Prêt d'une remorque", Html.VisibleText(form));
        Assert.Contains("<option value=\"loan\" selected=\"selected\">", form);
        Assert.Contains("<option value=\"mobility\" selected=\"selected\">", form);
        var declared = await TestAccounts.PostFormAsync(lille.Client, $"/echanges/nouveau?annonce={listing.Id}", "/echanges/nouveau", new Dictionary<string, string>
        {
            ["Input.AsOrganizationId"] = lille.Organization.Id.ToString(), ["Input.CounterpartOrganizationId"] = arras.Organization.Id.ToString(),
            ["Input.ListingId"] = listing.Id.ToString(), ["Input.Mode"] = "loan", ["Input.Category"] = "mobility", ["Input.Date"] = "2026-11-10",
            ["Input.Description"] = "Prêt d'une remorque", ["Input.Days"] = "3",
        });
        Assert.Equal(HttpStatusCode.Redirect, declared.StatusCode);
        var exchange = await app.WithDbAsync((db, _) => db.Exchanges.SingleAsync());
        Assert.Equal((listing.Id, "listing", 3, "mobility"), (exchange.ListingId!.Value, exchange.SourceKind!, exchange.Days!.Value, exchange.Category));

        var toConfirm = Html.VisibleText(await arras.Client.GetStringAsync("/echanges"));
        Assert.Contains("À confirmer (1)", toConfirm);
        Assert.Equal(HttpStatusCode.Redirect, (await TestAccounts.PostFormAsync(arras.Client, $"/echanges/{exchange.Id}", $"/echanges/{exchange.Id}?handler=Confirm", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TestAccounts.PostFormAsync(arras.Client, $"/echanges/{exchange.Id}", $"/echanges/{exchange.Id}?handler=Recommend",
            new Dictionary<string, string> { ["Rating"] = "1", ["Comment"] = "Des insultes ici" })).StatusCode);
        var recommendation = await app.WithDbAsync((db, _) => db.Recommendations.SingleAsync());

        // The rated organisation answers once.
        Assert.Equal(HttpStatusCode.Redirect, (await TestAccounts.PostFormAsync(lille.Client, $"/echanges/{exchange.Id}", $"/echanges/{exchange.Id}?handler=Answer",
            new Dictionary<string, string> { ["RecommendationId"] = recommendation.Id.ToString(), ["Answer"] = "Nous sommes surpris." })).StatusCode);
        var twice = await TestAccounts.PostFormAsync(lille.Client, $"/echanges/{exchange.Id}", $"/echanges/{exchange.Id}?handler=Answer",
            new Dictionary<string, string> { ["RecommendationId"] = recommendation.Id.ToString(), ["Answer"] = "Encore" });
        Assert.Contains("déjà répondu", Html.VisibleText(await twice.Content.ReadAsStringAsync()));

        // Reported, then hidden by a facilitator like a listing: it leaves the profile.
        var reported = await lille.Client.SubmitAsync($"/recommandations/{recommendation.Id}/signaler", new Dictionary<string, string> { ["Input.Reason"] = "offensive", ["Input.Details"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, reported.StatusCode);
        Assert.Contains("Recommandation de Ressourcerie d'Arras sur Atelier Lillois", Html.VisibleText(await moderator.GetStringAsync("/moderation")));
        var manage = $"/moderation/recommandations/{recommendation.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await TestAccounts.PostFormAsync(moderator, manage, $"{manage}?handler=Hide", new Dictionary<string, string> { ["Input.Reason"] = "Propos injurieux" })).StatusCode);
        Assert.True(await app.WithDbAsync((db, _) => db.Recommendations.Select(r => r.Hidden).SingleAsync()));
        Assert.Contains("Recommandations (0)", Html.VisibleText(await app.CreateClient().GetStringAsync($"/structures/{lille.Organization.Id}")));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/recommandations/{recommendation.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TestAccounts.PostFormAsync(moderator, manage, $"{manage}?handler=Restore", new Dictionary<string, string> { ["Input.Reason"] = "" })).StatusCode);
        Assert.Contains("Recommandations (1)", Html.VisibleText(await app.CreateClient().GetStringAsync($"/structures/{lille.Organization.Id}")));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_returned_loan_records_its_exchange_once_and_the_personal_data_export_lists_exchanges(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lille = await PartyAsync(app, "Atelier Lillois", "association", "59350", "Lille", 50.6292, 3.0573);
        var arras = await PartyAsync(app, "Ressourcerie d'Arras", "association", "62041", "Arras", 50.2910, 2.7775);
        var loanId = Guid.CreateVersion7();
        Guid first, second;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var ledger = scope.ServiceProvider.GetRequiredService<ExchangeLedger>();
            first = (await ledger.DeclareLoanAsync(lille.UserId, lille.Organization.Id, arras.Organization.Id, loanId, 4, new DateOnly(2026, 11, 12), "Prêt d'une tonnelle", default)).Exchange!.Id;
            second = (await ledger.DeclareLoanAsync(lille.UserId, lille.Organization.Id, arras.Organization.Id, loanId, 4, new DateOnly(2026, 11, 12), "Prêt d'une tonnelle", default)).Exchange!.Id;
        }
        Assert.Equal(first, second);
        var exchange = await app.WithDbAsync((db, _) => db.Exchanges.SingleAsync());
        Assert.Equal(("loan", loanId, "loan", 4, ExchangeStatus.Declared), (exchange.SourceKind!, exchange.SourceId!.Value, exchange.Mode, exchange.Days!.Value, exchange.Status));

        var data = await lille.Client.GetStringAsync("/compte/donnees?handler=Export");
        Assert.Contains("Prêt d'une tonnelle", data);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_conversation_between_two_organisations_offers_its_exchange_with_the_other_side_chosen(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lille = await PartyAsync(app, "Atelier Lillois", "association", "59350", "Lille", 50.6292, 3.0573);
        var arras = await PartyAsync(app, "Ressourcerie d'Arras", "association", "62041", "Arras", 50.2910, 2.7775);
        var conversation = new Conversation
        {
            OrganizationId = arras.Organization.Id, StarterOrganizationId = lille.Organization.Id, StarterUserId = lille.UserId,
            Subject = "Une tonnelle ?", CreatedAt = FakeClock.Default.UtcDateTime, LastMessageAt = FakeClock.Default.UtcDateTime,
        };
        await app.WithDbAsync(async db =>
        {
            db.Conversations.Add(conversation);
            db.ConversationMessages.Add(new ConversationMessage { ConversationId = conversation.Id, AuthorId = lille.UserId, Side = ConversationSide.Starter, Body = "Bonjour", CreatedAt = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
        });

        Assert.Contains($"/echanges/nouveau?conversation={conversation.Id}", await arras.Client.GetStringAsync($"/messages/{conversation.Id}"));
        var form = await arras.Client.GetStringAsync($"/echanges/nouveau?conversation={conversation.Id}");
        Assert.Contains($"<option value=\"{arras.Organization.Id}\" selected=\"selected\">", form);
        Assert.Contains($"<option value=\"{lille.Organization.Id}\" selected=\"selected\">", form);
        Assert.Contains($"name=\"Input.ConversationId\" value=\"{conversation.Id}\"", form);
    }
}
