using ElBasar.Tests.Support;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Infrastructure.Email;

public sealed class OutboxTests
{
    [SkippableTheory, BothDatabases]
    public async Task Add_then_save_queues_one_message_due_now(string provider)
    {
        await using var host = await EmailTestHost.StartAsync(provider);
        var message = EmailTestHost.Welcome("welcome:1") with
        {
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = "<https://elbasar.example.org/desabonnement/abc>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
        };

        await host.QueueAsync(message);

        var row = Assert.Single(await host.RowsAsync());
        Assert.Equal(7, row.Id.Version);
        Assert.Equal("welcome:1", row.Key);
        Assert.Equal("camille.martin@example.org", row.ToAddress);
        Assert.Equal("Camille Martin", row.ToName);
        Assert.Equal("Bienvenue sur elBasar — réseau", row.Subject);
        Assert.Equal(host.Clock.Now.UtcDateTime, row.CreatedAt);
        Assert.Equal(row.CreatedAt, row.NextAttemptAt);
        Assert.Equal((0, null, null, null), (row.Attempts, row.SentAt, row.ClaimedBy, row.LastError));
        var back = row.ToEmail();
        Assert.Equal(message.TextBody, back.TextBody);
        Assert.Equal(message.HtmlBody, back.HtmlBody);
        Assert.Equal(message.Headers, back.Headers);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_message_commits_with_what_caused_it_or_not_at_all(string provider)
    {
        await using var host = await EmailTestHost.StartAsync(provider);

        await host.WithDbAsync(async (db, services) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            services.GetRequiredService<Outbox>().Add(EmailTestHost.Welcome());
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });
        await host.WithDbAsync((_, services) =>
        {
            services.GetRequiredService<Outbox>().Add(EmailTestHost.Welcome());   // never saved
            return Task.FromResult(0);
        });

        Assert.Empty(await host.RowsAsync());
    }

    [SkippableTheory, BothDatabases]
    public async Task The_same_key_is_queued_once(string provider)
    {
        await using var host = await EmailTestHost.StartAsync(provider);

        await host.QueueAsync(EmailTestHost.Welcome("welcome:1"), EmailTestHost.Welcome("welcome:1"), EmailTestHost.Welcome());
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await host.QueueAsync(EmailTestHost.Welcome("welcome:1"), EmailTestHost.Welcome("welcome:2"), EmailTestHost.Welcome());

        var rows = await host.RowsAsync();
        Assert.Equal(4, rows.Count);   // two without a key, welcome:1 once, welcome:2
        Assert.Single(rows, r => r.Key == "welcome:1");
        Assert.Equal(FakeClock.Default.UtcDateTime, rows.Single(r => r.Key == "welcome:1").CreatedAt);
        Assert.Single(rows, r => r.Key == "welcome:2");
    }

    [SkippableTheory, BothDatabases]
    public async Task A_key_is_also_checked_by_a_synchronous_save(string provider)
    {
        await using var host = await EmailTestHost.StartAsync(provider);
        await host.QueueAsync(EmailTestHost.Welcome("welcome:1"));

        await host.WithDbAsync((db, services) =>
        {
            services.GetRequiredService<Outbox>().Add(EmailTestHost.Welcome("welcome:1"));
            return Task.FromResult(db.SaveChanges());
        });

        Assert.Single(await host.RowsAsync());
    }

    public static TheoryData<string, EmailMessage> Faulty => new()
    {
        { "address with a name inside", EmailTestHost.Welcome(to: "Camille <camille@example.org>") },
        { "not an address", EmailTestHost.Welcome(to: "camille") },
        { "line break in the subject", EmailTestHost.Welcome() with { Subject = "Bonjour\r\nBcc: tous@example.org" } },
        { "empty subject", EmailTestHost.Welcome() with { Subject = " " } },
        { "line break in a header", EmailTestHost.Welcome() with { Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<a>\r\nBcc: x@example.org" } } },
        { "header the sender writes", EmailTestHost.Welcome() with { Headers = new Dictionary<string, string> { ["Bcc"] = "x@example.org" } } },
        { "content header", EmailTestHost.Welcome() with { Headers = new Dictionary<string, string> { ["Content-Disposition"] = "inline" } } },
        { "header name with a colon", EmailTestHost.Welcome() with { Headers = new Dictionary<string, string> { ["X-A:B"] = "c" } } },
        { "key too long", EmailTestHost.Welcome(new string('k', 201)) },
        { "line break in the name", EmailTestHost.Welcome() with { To = new EmailAddress("camille@example.org", "Camille\nBcc: x") } },
    };

    [Theory, MemberData(nameof(Faulty))]
    public void A_faulty_message_is_refused_when_queued(string fault, EmailMessage message)
    {
        Assert.NotNull(fault);
        Assert.Throws<ArgumentException>(message.Validate);
    }
}
