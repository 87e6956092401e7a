using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Infrastructure.Email;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Alerts;

/// <summary>
/// The alerts issue's "done when": a member saves "tonnelle" around Arras within 30 km; another
/// member in Lens publishes tents to lend; the first receives one e-mail within a minute, and
/// only one, even if the site is restarted in between; then reaches the lender and hears back.
/// </summary>
public sealed class DoneWhenTests
{
    static readonly Dictionary<string, string?> Settings = new() { ["Site:BaseUrl"] = Alerting.BaseUrl };

    [SkippableTheory, BothDatabases]
    public async Task A_member_around_Arras_hears_once_of_tents_lent_in_Lens_then_reaches_the_lender(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Guid listingId;
        string camilleToken, dominiqueToken;
        DateTimeOffset stoppedAt;

        await using (var app = TestApp.StartOn(database, Settings))
        {
            // Camille works for an association in Arras; Dominique for one in Lens, about 16 km away.
            var arras = await new OrganizationBuilder().Named("Les Jardins de la Scarpe").In("62041", "Arras", 50.2942, 2.7728).SaveAsync(app);
            var lens = await new OrganizationBuilder().Named("Mine de Vélos").In("62498", "Lens", 50.4295, 2.8355).SaveAsync(app);
            var camille = await Alerting.PersonAsync(app, "camille@example.org", "Camille Martin");
            await app.AddToOrganizationAsync(arras.Id, camille.Id);
            var dominique = await app.CreateAccountAsync("dominique@example.org", SiteRoles.Member, "Dominique Durand");
            await app.AddToOrganizationAsync(lens.Id, dominique.Id);
            (camilleToken, dominiqueToken) = (await TokenAsync(app, camille.Email), await TokenAsync(app, dominique.Email!));

            await camille.SaveAsync("Tonnelle autour d'Arras", new { q = "tonnelle", commune = "62041", radiusKm = 30 });
            var published = await app.WithToken(dominiqueToken).PostAsJsonAsync("/api/v1/listings", new
            {
                organizationId = lens.Id, kind = "offer", title = "Prêt de deux tentes pliantes 3x3 m",
                description = "Pour vos fêtes et marchés : deux tentes pliantes avec leurs lests, à venir chercher à Lens.",
                category = "equipment", exchangeModes = new[] { "loan" },
            });
            Assert.Equal(HttpStatusCode.Created, published.StatusCode);
            var listing = await published.Content.ReadFromJsonAsync<JsonElement>();
            listingId = listing.GetProperty("id").GetGuid();
            var publishedAt = app.Clock.Now;

            // A pass of the alert worker (every 20 s), then a look at the outbox (every 5 s).
            app.Clock.Advance(TimeSpan.FromSeconds(20));
            Assert.Equal(1, (await app.RunWorkerAsync()).Mails);
            app.Clock.Advance(TimeSpan.FromSeconds(5));
            await DispatchAllAsync(app);

            var eml = Eml.Parse(await File.ReadAllBytesAsync(Assert.Single(System.IO.Directory.GetFiles(app.MailFolder, "*.eml"))));
            Assert.Equal("\"Camille Martin\" <camille@example.org>", eml.Header("To"));
            Assert.Equal("Alerte « Tonnelle autour d'Arras » : 1 nouvelle annonce", eml.Header("Subject"));
            var text = eml.Body("text/plain");
            Assert.Contains("Prêt de deux tentes pliantes 3x3 m", text);
            Assert.Contains("Lens, Mine de Vélos", text);
            Assert.Contains($"{Alerting.BaseUrl}/annonces/{listingId}", text);
            Assert.Contains($"href=\"{Alerting.BaseUrl}/annonces/{listingId}\"", eml.Body("text/html"));
            var sent = Assert.Single(await app.MailsToAsync(camille.Email));
            Assert.True(sent.SentAt - publishedAt.UtcDateTime <= TimeSpan.FromMinutes(1), $"Sent {sent.SentAt - publishedAt.UtcDateTime} after publication.");

            Assert.Equal(0, (await app.RunWorkerAsync()).Mails);
            stoppedAt = app.Clock.Now;
        }

        // The site restarted on the same database: its worker and outbox find nothing more to send.
        await using (var app = TestApp.StartOn(database, Settings, new FakeClock(stoppedAt + TimeSpan.FromMinutes(2))))
        {
            Assert.Equal(new(0, 0, 0), await app.RunWorkerAsync());
            Assert.Equal(0, await app.Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync());
            Assert.False(System.IO.Directory.Exists(app.MailFolder) && System.IO.Directory.GetFiles(app.MailFolder, "*.eml").Length > 0);
            Assert.Single(await app.MailsToAsync("camille@example.org"));

            // Camille writes to the lender from the listing; Dominique answers; Camille is told by mail.
            var started = await app.WithToken(camilleToken).PostAsJsonAsync("/api/v1/conversations", new
            {
                listingId, message = "Bonjour, les tentes seraient-elles libres samedi 5 décembre pour notre marché de Noël ?",
            });
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            var conversationId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            app.Clock.Advance(TimeSpan.FromMinutes(10));
            var answered = await app.WithToken(dominiqueToken).PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new
            {
                message = "Bonjour Camille, oui, elles sont libres : passez les prendre vendredi après 17 h.",
            });
            Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
            await DispatchAllAsync(app);

            var mails = System.IO.Directory.GetFiles(app.MailFolder, "*.eml").Select(f => Eml.Parse(File.ReadAllBytes(f))).ToList();
            Assert.Equal(2, mails.Count);
            var toDominique = Assert.Single(mails, m => m.Header("To")!.Contains("dominique@example.org"));
            Assert.Contains("les tentes seraient-elles libres samedi 5 décembre", toDominique.Body("text/plain"));
            var toCamille = Assert.Single(mails, m => m.Header("To")!.Contains("camille@example.org"));
            Assert.Equal("Nouveau message de Dominique Durand (Mine de Vélos) : Prêt de deux tentes pliantes 3x3 m", toCamille.Header("Subject"));
            Assert.Contains("oui, elles sont libres : passez les prendre vendredi après 17 h.", toCamille.Body("text/plain"));
            Assert.Contains($"{Alerting.BaseUrl}/messages/{conversationId}", toCamille.Body("text/plain"));
            Assert.Equal(2, (await app.MailsToAsync("camille@example.org")).Count);
        }
    }

    static async Task<string> TokenAsync(TestApp app, string email)
    {
        var output = new StringWriter();
        Assert.Equal(0, await TokensCommand.RunAsync(app.Services, ["create", "--email", email], output, TextWriter.Null));
        return output.ToString().Trim();
    }

    static async Task DispatchAllAsync(TestApp app)
    {
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DispatchOnceAsync() > 0) { }
    }
}
