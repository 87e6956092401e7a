using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ElBasar.Tests.Features.Alerts;
using ElBasar.Tests.Infrastructure.Email;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Newsletter;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ElBasar.Tests.Infrastructure.Web;

/// <summary>
/// Production in small: PostgreSQL, two elBasar nodes (real processes, every background worker on)
/// and nginx in front with the example configuration. A sign-in made by one node is read by the
/// other; alerts and the digest leave once each; one node killed under traffic, the other carries on.
/// </summary>
public sealed partial class TwoNodesTests(ITestOutputHelper output)
{
    const int Loops = 4;
    static readonly string DigestSubject = "La lettre du réseau : essai à deux nœuds";

    static Dictionary<string, string?> NodeSettings(int smtpPort) => new()
    {
        ["Site:BaseUrl"] = Alerting.BaseUrl,
        ["Email:Mode"] = "smtp",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = smtpPort.ToString(),
        ["Email:From"] = "elBasar <contact@elbasar.example.org>",
        ["Email:DispatcherEnabled"] = "true",
        ["Email:PollSeconds"] = "1",
        ["Alerts:WorkerEnabled"] = "true",
        ["Alerts:PollSeconds"] = "1",
        ["Newsletter:WorkerEnabled"] = "true",
        ["Newsletter:PollSeconds"] = "1",
        ["Newsletter:BatchSize"] = "2",
        ["Newsletter:BatchPauseMilliseconds"] = "0",
        ["Events:RemindersEnabled"] = "true",
        ["Membership:WorkerEnabled"] = "true",
        ["Lending:RemindersEnabled"] = "true",
        ["Listings:ExpiryRemindersEnabled"] = "true",
    };

    [SkippableFact]
    public async Task Two_nodes_behind_nginx_share_sign_ins_send_each_mail_once_and_one_carries_on_when_the_other_dies()
    {
        Skip.If(TestDatabase.PostgresServer is null, $"The two-node test runs on PostgreSQL: it needs {TestDatabase.PostgresVariable}; .ci/run sets it.");
        Assert.True(File.Exists(Nginx.Executable), $"nginx is missing ({Nginx.Executable}): `apt-get install nginx`. The two-node test needs it whenever PostgreSQL is configured.");
        await Python.SkipUnlessAvailableAsync("aiosmtpd");
        var watch = Stopwatch.StartNew();
        await using var database = await TestDatabase.CreateAsync("postgresql");

        // Before the nodes: three people save searches, a structure and its publisher, a digest due now.
        string publisherToken;
        Guid organizationId;
        int digestReaders;
        await using (var setup = TestApp.StartOn(database, new() { ["Site:BaseUrl"] = Alerting.BaseUrl }, new FakeClock(DateTimeOffset.UtcNow)))
        {
            var organization = await new OrganizationBuilder().Named("Les Amis du Quartier").SaveAsync(setup);
            organizationId = organization.Id;
            var publisher = await setup.CreateAccountAsync("dominique@example.org", SiteRoles.Member, "Dominique Durand");
            await setup.AddToOrganizationAsync(organization.Id, publisher.Id);
            var tokens = new StringWriter();
            Assert.Equal(0, await TokensCommand.RunAsync(setup.Services, ["create", "--email", "dominique@example.org"], tokens, TextWriter.Null));
            publisherToken = tokens.ToString().Trim();

            await (await Alerting.PersonAsync(setup, "camille@example.org", "Camille Martin")).SaveAsync("Tonnelles", new { q = "tonnelle" });
            await (await Alerting.PersonAsync(setup, "sam@example.org", "Sam Leroy")).SaveAsync("Vélos", new { q = "vélo" });
            await (await Alerting.PersonAsync(setup, "alex@example.org", "Alex Morel")).SaveAsync("Perceuses", new { q = "perceuse" });
            await setup.CreateAccountAsync("lou@example.org", SiteRoles.Member, "Lou Petit");

            var now = setup.Clock.Now.UtcDateTime;
            var home = await setup.HomeNetworkIdAsync();
            digestReaders = await setup.WithDbAsync(async (db, _) =>
            {
                for (var i = 0; i < 3; i++)
                    db.Add(new Subscriber { NetworkId = home, Email = $"lecteur{i}@example.org", Status = SubscriberStatus.Active, Secret = Subscribers.NewSecret(), CreatedAt = now, ConfirmedAt = now });
                db.Add(new NewsletterIssue { NetworkId = home, Month = $"{now:yyyy-MM}", Subject = DigestSubject, Status = IssueStatus.Scheduled, ScheduledAt = now, CreatedAt = now, UpdatedAt = now });
                await db.SaveChangesAsync();
                return await db.Set<User>().CountAsync(u => u.EmailConfirmed) + 3;
            });
        }

        await using var sink = await SmtpSink.StartAsync();
        var settings = NodeSettings(sink.Port);
        var nodes = await Task.WhenAll(SiteProcess.StartAsync(database, settings), SiteProcess.StartAsync(database, settings));
        await using var node1 = nodes[0];
        await using var node2 = nodes[1];
        await using var nginx = await Nginx.StartAsync([node1.BaseAddress, node2.BaseAddress]);
        output.WriteLine($"PostgreSQL, two nodes and nginx up after {watch.Elapsed.TotalSeconds:0.0} s.");
        string Logs() => $"node 1:\n{node1.Output}\nnode 2:\n{node2.Output}\nnginx:\n{nginx.Output}";

        // Signed in through node 1, the person goes on through node 2, forms included.
        var cookies = new CookieContainer();
        using var throughNode1 = Browser(node1.BaseAddress, cookies);
        using var throughNode2 = Browser(node2.BaseAddress, cookies);
        var signIn = await PostFormAsync(throughNode1, throughNode1, "/compte/connexion",
            new() { ["Input.Email"] = "lou@example.org", ["Input.Password"] = TestAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var account = await throughNode2.GetAsync("/compte");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Contains("lou@example.org", await account.Content.ReadAsStringAsync());
        var renamed = await PostFormAsync(throughNode1, throughNode2, "/compte?handler=Name", new() { ["NameForm.DisplayName"] = "Lou Petit-Martin" }, page: "/compte");
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Contains("Lou Petit-Martin", await throughNode1.GetStringAsync("/compte"));

        // Through nginx, listings that three saved searches are waiting for.
        using var api = new HttpClient { BaseAddress = nginx.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", publisherToken);
        foreach (var title in new[] { "Prêt d'une tonnelle 3x3 m", "Vélo cargo à prêter le week-end", "Perceuse-visseuse sans fil" })
        {
            var published = await api.PostAsJsonAsync("/api/v1/listings", new
            {
                organizationId, kind = "offer", title,
                description = "À venir chercher à Lille, du lundi au vendredi ; rendu propre s'il vous plaît.",
                category = "equipment", exchangeModes = new[] { "loan" },
            });
            Assert.True(published.StatusCode == HttpStatusCode.Created, $"{published.StatusCode}: {await published.Content.ReadAsStringAsync()}\n{Logs()}");
        }

        // Every mail queued leaves once: three alerts, and the digest to each reader, not twice as many.
        await using var outbox = OutboxReader.On(database);
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (!(await outbox.AllSentAsync() is { } all && all.Count(m => m.Subject.StartsWith("Alerte", StringComparison.Ordinal)) == 3
                 && all.Count(m => m.Subject == DigestSubject) == digestReaders))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The mail did not all leave: {sink.Received} received.\n{Logs()}");
            await Task.Delay(200);
        }
        // A few more passes of both nodes' workers, which must find nothing left to send.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var rows = await outbox.AllAsync();
        Assert.All(rows, m => Assert.NotNull(m.SentAt));
        var received = Enumerable.Range(1, sink.Received).Select(n => Eml.Parse(File.ReadAllBytes(Path.Combine(sink.Inbox, $"{n:0000}.eml")))).ToList();
        Assert.Equal(rows.Count, received.Count);
        Assert.Equal(rows.Select(m => $"<{m.Id:N}@elbasar.example.org>").Order(), received.Select(m => m.Header("Message-ID")!).Order());
        var alerts = received.Where(m => m.Header("Subject")!.StartsWith("Alerte", StringComparison.Ordinal)).ToList();
        Assert.Equal(["alex@example.org", "camille@example.org", "sam@example.org"], alerts.Select(Recipient).Order());
        var digests = received.Where(m => m.Header("Subject") == DigestSubject).ToList();
        Assert.Equal(digestReaders, digests.Count);
        Assert.Equal(digestReaders, digests.Select(Recipient).Distinct().Count());
        var issue = await outbox.IssueAsync(DigestSubject);
        Assert.Equal((IssueStatus.Sent, digestReaders), (issue.Status, issue.Deliveries));
        output.WriteLine($"{alerts.Count} alerts and {digests.Count} digests, each sent once, after {watch.Elapsed.TotalSeconds:0.0} s.");

        // Traffic through nginx; node 1 killed in the middle of it.
        var results = new ConcurrentBag<(TimeSpan Start, TimeSpan End, string Path, string Outcome)>();
        using var visitors = new HttpClient { BaseAddress = nginx.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        string[] paths = ["/", "/recherche?q=tonnelle", "/api/v1/listings?q=velo", "/healthz"];
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, Loops).Select(loop => Task.Run(async () =>
        {
            for (var i = loop; !stop.IsCancellationRequested; i++)
            {
                var path = paths[i % paths.Length];
                var start = clock.Elapsed;
                string outcome;
                try
                {
                    using var response = await visitors.GetAsync(path);
                    outcome = response.IsSuccessStatusCode ? "ok" : $"{(int)response.StatusCode}";
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    outcome = ex.GetType().Name;
                }
                results.Add((start, clock.Elapsed, path, outcome));
            }
        })).ToList();
        // Both nodes busy first, then node 1 dies; the traffic goes on a few seconds, and at least twenty requests.
        await WaitForAsync(() => results.Count(r => r.Outcome == "ok") >= 4 * Loops, TimeSpan.FromSeconds(30), "Too little traffic before the kill.");
        var killStarted = clock.Elapsed;
        await node1.KillAsync();
        var killed = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(3));
        await WaitForAsync(() => results.Count(r => r.Start > killed) >= 20, TimeSpan.FromSeconds(30), "Too little traffic after the kill.");
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        var before = results.Where(r => r.Start < killStarted).ToList();
        var after = results.Where(r => r.Start > killed).ToList();
        var inFlight = results.Where(r => r.Start < killStarted && r.End > killStarted).ToList();
        var failed = results.Where(r => r.Outcome != "ok").ToList();
        output.WriteLine($"{results.Count} requests: {before.Count} before the kill, {inFlight.Count} in flight at it, {after.Count} after it, {failed.Count} failed.");
        Assert.NotEmpty(inFlight);
        foreach (var r in failed.OrderBy(r => r.Start))
            output.WriteLine($"  {r.Path} from {r.Start.TotalSeconds:0.000} s to {r.End.TotalSeconds:0.000} s: {r.Outcome} (kill from {killStarted.TotalSeconds:0.000} s to {killed.TotalSeconds:0.000} s)");
        // Only a request in flight at the kill may fail; nginx retries those it can on node 2.
        Assert.All(failed, r => Assert.True(r.Start <= killed && r.End >= killStarted, $"{r.Path} failed ({r.Outcome}) outside the kill, at {r.Start.TotalSeconds:0.00} s.\n{Logs()}"));
        Assert.True(failed.Count <= Loops, $"{failed.Count} requests failed.");
        Assert.True(after.All(r => r.Outcome == "ok"), $"After the kill: {after.Count} requests, {after.Count(r => r.Outcome != "ok")} failed.\n{Logs()}");
        Assert.True(node1.HasExited);
        using var direct = new HttpClient { BaseAddress = node2.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal(HttpStatusCode.OK, (await direct.GetAsync("/readyz")).StatusCode);
        output.WriteLine($"Done in {watch.Elapsed.TotalSeconds:0.0} s.");
    }

    static async Task WaitForAsync(Func<bool> done, TimeSpan limit, string failure)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50);
        }
    }

    static HttpClient Browser(Uri node, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = node, Timeout = TimeSpan.FromSeconds(20) };

    /// <summary>Loads the form's page through <paramref name="shows"/>, then posts it through <paramref name="posts"/>.</summary>
    static async Task<HttpResponseMessage> PostFormAsync(HttpClient shows, HttpClient posts, string action, Dictionary<string, string> fields, string? page = null)
    {
        var token = AntiforgeryToken().Match(await shows.GetStringAsync(page ?? action));
        Assert.True(token.Success, $"No antiforgery token on {page ?? action}.");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await posts.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    static string Recipient(Eml mail) => Regex.Match(mail.Header("To")!, @"<([^>]+)>|(\S+@\S+)") is { Success: true } m
        ? (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToLowerInvariant()
        : mail.Header("To")!;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>Reads the outbox and the digest of a database the test runs no site on.</summary>
    sealed class OutboxReader(DatabaseReader reader) : IAsyncDisposable
    {
        public static OutboxReader On(TestDatabase database) => new(DatabaseReader.On(database));

        public Task<List<OutboxMessage>> AllAsync() => reader.WithAsync(db => db.Set<OutboxMessage>().AsNoTracking().ToListAsync());

        public async Task<List<OutboxMessage>?> AllSentAsync() => await AllAsync() is var all && all.All(m => m.SentAt != null) ? all : null;

        public Task<(IssueStatus Status, int Deliveries)> IssueAsync(string subject) => reader.WithAsync(async db =>
        {
            var issue = await db.Set<NewsletterIssue>().AsNoTracking().SingleAsync(i => i.Subject == subject);
            return (issue.Status, await db.Set<NewsletterDelivery>().CountAsync(d => d.IssueId == issue.Id));
        });

        public ValueTask DisposeAsync() => reader.DisposeAsync();
    }
}
