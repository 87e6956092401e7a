using System.Net;
using ElBasar.Tests.Infrastructure.Email;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Newsletter;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Newsletter;

/// <summary>The digest's copies in the outbox: one shared body for all, and what is each reader's own.</summary>
public sealed class DigestCopiesTests
{
    const int Readers = 10;

    [SkippableTheory, BothDatabases]
    public async Task The_digest_body_is_stored_once_for_all_copies_and_each_reader_gets_their_own_unsubscribe_link(string provider)
    {
        // Three batches for ten readers: the batches after the first find the body the first wrote.
        await using var app = await TestApp.StartAsync(provider, new(Newslettering.Settings) { ["Newsletter:BatchSize"] = "4" });
        await app.AddSubscribersAsync(Readers);
        var issue = await app.WithDbAsync(async (_, services) =>
        {
            var newsletters = services.GetRequiredService<Newsletters>();
            var home = await newsletters.NetworkAsync(null, CancellationToken.None);
            var draft = await newsletters.DraftAsync(home!, new DateOnly(2026, 11, 1), CancellationToken.None);
            await newsletters.ScheduleAsync(draft, null, CancellationToken.None);
            return draft;
        });

        Assert.Equal(Readers, await app.RunSenderAsync());

        var body = Assert.Single(await app.WithDbAsync((db, _) => db.Set<OutboxBody>().AsNoTracking().ToListAsync()));
        Assert.Equal(issue.Html, body.HtmlBody);
        Assert.Equal(issue.Text, body.TextBody);
        Assert.Contains(DigestComposer.UnsubscribePlaceholder, body.HtmlBody);
        var copies = await app.CopiesAsync();
        Assert.Equal(Readers, copies.Count);
        Assert.All(copies, c => Assert.Equal((body.Id, "", ""), (c.BodyId, c.TextBody, c.HtmlBody)));

        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DispatchOnceAsync() > 0) { }

        var subscribers = await app.WithDbAsync((db, _) => db.Set<Subscriber>().AsNoTracking().ToListAsync());
        var files = System.IO.Directory.GetFiles(app.MailFolder, "*.eml");
        Assert.Equal(Readers, files.Length);
        var links = new List<string>();
        foreach (var file in files)
        {
            var eml = Eml.Parse(await File.ReadAllBytesAsync(file));
            var reader = subscribers.Single(s => s.Email == eml.Header("To"));
            var link = $"{Newslettering.BaseUrl}/lettre/desabonner/{reader.Id}?signature={NewsletterLinks.Sign(reader, "unsubscribe")}";
            Assert.Equal($"<{link}>", eml.Header("List-Unsubscribe"));
            Assert.Contains(link, eml.Body("text/plain"));
            Assert.Contains($"href=\"{WebUtility.HtmlEncode(link)}\"", eml.Body("text/html"));
            Assert.DoesNotContain(DigestComposer.UnsubscribePlaceholder, eml.Body("text/plain") + eml.Body("text/html"));
            links.Add(link);
        }
        Assert.Equal(Readers, links.Distinct().Count());

        // One reader's link unsubscribes that reader, and nobody else.
        var left = subscribers[3];
        var own = links.Single(l => l.Contains(left.Id.ToString()));
        var done = await app.CreateClient().PostAsync(new Uri(own).PathAndQuery,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var statuses = await app.WithDbAsync((db, _) => db.Set<Subscriber>().ToDictionaryAsync(s => s.Id, s => s.Status));
        Assert.Equal(SubscriberStatus.Unsubscribed, statuses[left.Id]);
        Assert.Equal(Readers - 1, statuses.Values.Count(s => s == SubscriberStatus.Active));
    }
}
