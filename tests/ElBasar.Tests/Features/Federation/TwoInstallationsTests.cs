using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Features.Alerts;
using ElBasar.Tests.Infrastructure.Email;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Federation;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ElBasar.Tests.Features.Federation;

/// <summary>
/// Two elBasar processes on 127.0.0.1, each on its own database: B follows A's feed. A's listing
/// appears in B's search with its origin and a link back to A, and in the one mail of the saved
/// search on B it matches (sent by SMTP); withdrawn on A, it leaves B; with A stopped, B's pages
/// still answer.
/// </summary>
public sealed class TwoInstallationsTests(ITestOutputHelper output)
{
    const string PartnerName = "ESS de l'Aisne";

    static Dictionary<string, string?> Following(int smtpPort) => new()
    {
        ["Federation:WorkerEnabled"] = "true",
        ["Federation:PollSeconds"] = "1",
        ["Federation:SyncMinutes"] = "0",
        ["Federation:TimeoutSeconds"] = "3",
        ["Site:BaseUrl"] = Alerting.BaseUrl,
        ["Email:Mode"] = "smtp",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = smtpPort.ToString(),
        ["Email:From"] = "elBasar <contact@elbasar.example.org>",
        ["Email:DispatcherEnabled"] = "true",
        ["Email:PollSeconds"] = "1",
        ["Alerts:WorkerEnabled"] = "true",
        ["Alerts:PollSeconds"] = "1",
    };

    [SkippableTheory, BothDatabases]
    public async Task A_partner_listing_appears_with_its_origin_leaves_when_withdrawn_and_an_offline_partner_breaks_nothing(string provider)
    {
        await using var databaseA = await TestDatabase.CreateAsync(provider);
        await using var databaseB = await TestDatabase.CreateAsync(provider);
        Guid listingId;
        string token;
        await using (var setup = TestApp.StartOn(databaseA))
        {
            var organization = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(setup);
            listingId = (await new ListingBuilder(organization).Titled("Triporteur électrique à prêter")
                .Described("Un triporteur pour les livraisons du marché.").SaveAsync(setup)).Id;
            var user = await setup.CreateAccountAsync("camille@roue-libre.example.org", SiteRoles.Member, "Camille Martin");
            await setup.WithDbAsync(async db =>
            {
                db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = organization.Id, UserId = user.Id, Role = OrganizationRole.Editor, Since = FakeClock.Default.UtcDateTime });
                await db.SaveChangesAsync();
            });
            var written = new StringWriter();
            Assert.Equal(0, await TokensCommand.RunAsync(setup.Services, ["create", "--email", "camille@roue-libre.example.org"], written, TextWriter.Null));
            token = written.ToString().Trim();
        }

        await using var siteA = await SiteProcess.StartAsync(databaseA, new Dictionary<string, string?>());
        await using (var setup = TestApp.StartOn(databaseB))
        {
            await setup.WithDbAsync((_, services) => services.GetRequiredService<Partners>().AddAsync(PartnerName, siteA.BaseAddress.ToString(), null, CancellationToken.None));
            await (await Alerting.PersonAsync(setup, "sam@example.org", "Sam Lefebvre")).SaveAsync("Triporteurs", new { q = "triporteur" });
            await (await Alerting.PersonAsync(setup, "alex@example.org", "Alex Roux")).SaveAsync("Tonnelles", new { q = "tonnelle" });
        }
        await using var sink = await SmtpSink.StartAsync();
        await using var siteB = await SiteProcess.StartAsync(databaseB, Following(sink.Port));
        using var b = new HttpClient { BaseAddress = siteB.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        var found = await EventuallyAsync(async () =>
        {
            var network = await NetworkAsync(b, "triporteur");
            return network.Count == 1 ? network[0] : (JsonElement?)null;
        }, "A's listing never reached B", siteB);
        Assert.Equal(PartnerName, found.GetProperty("origin").GetString());
        Assert.Equal("Triporteur électrique à prêter", found.GetProperty("title").GetString());
        Assert.Equal("Atelier Roue Libre", found.GetProperty("organizationName").GetString());
        var original = found.GetProperty("url").GetString()!;
        Assert.Equal($"{siteA.BaseAddress.ToString().TrimEnd('/')}/annonces/{listingId}", original);
        Assert.Equal(HttpStatusCode.OK, (await new HttpClient().GetAsync(original)).StatusCode);

        var page = await b.GetStringAsync("/recherche?q=triporteur");
        Assert.Contains($"Annonce du réseau {PartnerName}", Decode(page));
        Assert.Contains($"href=\"{original}\"", page);
        Assert.DoesNotContain($"/annonces/{listingId}/contact", page);
        // Not a local listing: B has no page for it.
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/annonces/{listingId}")).StatusCode);

        // The saved search on B that matches hears of it by mail, with its origin and the link to A.
        await EventuallyAsync(() => Task.FromResult(sink.Received > 0 ? true : (bool?)null), "B's saved search was never mailed", siteB);
        var alert = Eml.Parse(File.ReadAllBytes(Path.Combine(sink.Inbox, "0001.eml")));
        Assert.Contains("<sam@example.org>", alert.Header("To"));
        Assert.Equal("Alerte « Triporteurs » : 1 nouvelle annonce", alert.Header("Subject"));
        var text = alert.Body("text/plain");
        Assert.Contains($"Annonce du réseau partenaire {PartnerName}", text);
        Assert.Contains(original, text);
        Assert.Contains($"href=\"{original}\"", alert.Body("text/html"));

        using (var a = new HttpClient { BaseAddress = siteA.BaseAddress })
        {
            a.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var closed = await a.PostAsJsonAsync($"/api/v1/listings/{listingId}/close", new { outcome = "withdrawn" });
            Assert.True(closed.IsSuccessStatusCode, await closed.Content.ReadAsStringAsync());
        }
        await EventuallyAsync(async () => (await NetworkAsync(b, "triporteur")).Count == 0 ? true : (bool?)null,
            "The listing withdrawn on A stayed on B", siteB);
        Assert.DoesNotContain("Annonce du réseau", Decode(await b.GetStringAsync("/recherche?q=triporteur")));

        await siteA.KillAsync();
        await using var rows = Rows.On(databaseB);
        await EventuallyAsync(async () => await rows.LastErrorAsync() is { } error ? error : null, "B never noticed A was gone", siteB);
        foreach (var path in new[] { "/", "/recherche", "/recherche?q=triporteur", "/api/v1/listings?q=triporteur", "/api/v1/feed/listings" })
            Assert.Equal(HttpStatusCode.OK, (await b.GetAsync(path)).StatusCode);
        output.WriteLine($"B after A stopped: {await rows.LastErrorAsync()}");
        // One mail in all: the matching search's, once; none for the search it does not match.
        Assert.Equal(1, sink.Received);
    }

    static string Decode(string html) => WebUtility.HtmlDecode(html);

    static async Task<List<JsonElement>> NetworkAsync(HttpClient client, string q)
    {
        var json = await client.GetFromJsonAsync<JsonElement>($"/api/v1/listings?q={q}");
        return json.TryGetProperty("network", out var network) ? network.EnumerateArray().ToList() : [];
    }

    static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string failure, SiteProcess site) where T : struct
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            T? found;
            try
            {
                found = await probe();
            }
            catch (HttpRequestException e)
            {
                throw new Xunit.Sdk.XunitException($"{failure}: {e.Message}\n{site.Output}");
            }
            if (found is { } value) return value;
            Assert.True(DateTime.UtcNow < deadline, $"{failure}:\n{site.Output}");
            await Task.Delay(250);
        }
    }

    static async Task<string> EventuallyAsync(Func<Task<string?>> probe, string failure, SiteProcess site)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            string? found;
            try
            {
                found = await probe();
            }
            catch (HttpRequestException e)
            {
                throw new Xunit.Sdk.XunitException($"{failure}: {e.Message}\n{site.Output}");
            }
            if (found is { } value) return value;
            Assert.True(DateTime.UtcNow < deadline, $"{failure}:\n{site.Output}");
            await Task.Delay(250);
        }
    }

    /// <summary>Reads B's database beside the running site.</summary>
    sealed class Rows(DatabaseReader reader) : IAsyncDisposable
    {
        public static Rows On(TestDatabase database) => new(DatabaseReader.On(database));

        public Task<string?> LastErrorAsync() => reader.WithAsync(db => db.PartnerInstallations.Select(p => p.LastError).SingleAsync());

        public ValueTask DisposeAsync() => reader.DisposeAsync();
    }
}
