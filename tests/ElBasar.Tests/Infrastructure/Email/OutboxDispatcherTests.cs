using System.Text;
using ElBasar.Tests.Support;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Infrastructure.Email;

public sealed class OutboxDispatcherTests
{
    static EmailMessage WithUnsubscribe(EmailMessage message) => message with
    {
        Headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = "<https://elbasar.example.org/desabonnement/abc>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        },
    };

    [SkippableTheory, BothDatabases]
    public async Task A_queued_message_becomes_one_eml_file_and_is_marked_sent(string provider)
    {
        await using var host = await EmailTestHost.StartAsync(provider);
        var message = WithUnsubscribe(EmailTestHost.Welcome());
        await host.QueueAsync(message);
        var queued = Assert.Single(await host.RowsAsync());
        host.Clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(1, await host.Dispatcher.DispatchOnceAsync());

        var file = Assert.Single(host.PickupFiles());
        Assert.Equal($"20261120T090000000Z-{queued.Id:N}.eml", Path.GetFileName(file));
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.All(bytes, b => Assert.True(b < 128, "Everything is encoded: the file is ASCII."));
        var eml = Eml.Parse(bytes);
        Assert.Equal("elBasar <contact@elbasar.example.org>", eml.Header("From")!.Replace("\"", ""));
        Assert.Equal("\"Camille Martin\" <camille.martin@example.org>", eml.Header("To"));
        Assert.StartsWith("=?utf-8?B?", eml.Raw("Subject"));
        Assert.Equal("Bienvenue sur elBasar — réseau", eml.Header("Subject"));
        Assert.Equal("Fri, 20 Nov 2026 09:00:00 +0000", eml.Header("Date"));
        Assert.Equal($"<{queued.Id:N}@elbasar.example.org>", eml.Header("Message-ID"));
        Assert.Equal("1.0", eml.Header("MIME-Version"));
        Assert.Equal("<https://elbasar.example.org/desabonnement/abc>", eml.Header("List-Unsubscribe"));
        Assert.Equal("List-Unsubscribe=One-Click", eml.Header("List-Unsubscribe-Post"));
        Assert.StartsWith("multipart/alternative;", eml.Header("Content-Type"));
        Assert.Equal(new[] { "text/plain; charset=utf-8", "text/html; charset=utf-8" }, eml.Parts.Select(p => p.ContentType));
        Assert.Equal(message.TextBody, eml.Body("text/plain"));
        Assert.Equal(message.HtmlBody, eml.Body("text/html"));
        Assert.Contains("Bienvenue sur elBasar — réseau", eml.Body("text/plain"));

        var sent = Assert.Single(await host.RowsAsync());
        Assert.Equal(host.Clock.Now.UtcDateTime, sent.SentAt);
        Assert.Equal((0, null, null, null), (sent.Attempts, sent.ClaimedBy, sent.ClaimedUntil, sent.LastError));
    }

    [SkippableTheory, BothDatabases]
    public async Task Dispatching_twice_sends_once(string provider)
    {
        var sender = new ScriptedSender();
        await using var host = await EmailTestHost.StartAsync(provider, s => s.AddSingleton<IEmailSender>(sender));
        await host.QueueAsync(EmailTestHost.Welcome());

        Assert.Equal(1, await host.Dispatcher.DispatchOnceAsync());
        host.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await host.Dispatcher.DispatchOnceAsync());

        Assert.Single(sender.Sent);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_failed_message_is_tried_again_after_a_delay_and_then_sent(string provider)
    {
        var sender = new ScriptedSender { Failures = 1 };
        await using var host = await EmailTestHost.StartAsync(provider, s => s.AddSingleton<IEmailSender>(sender));
        await host.QueueAsync(EmailTestHost.Welcome());

        Assert.Equal(0, await host.Dispatcher.DispatchOnceAsync());
        var failed = Assert.Single(await host.RowsAsync());
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(host.Clock.Now.UtcDateTime.AddMinutes(1), failed.NextAttemptAt);
        Assert.Equal("IOException", failed.LastError);
        Assert.Equal((null, null, null), (failed.SentAt, failed.ClaimedBy, failed.ClaimedUntil));

        host.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await host.Dispatcher.DispatchOnceAsync());
        Assert.Empty(sender.Sent);

        host.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await host.Dispatcher.DispatchOnceAsync());
        var sent = Assert.Single(await host.RowsAsync());
        Assert.Equal(host.Clock.Now.UtcDateTime, sent.SentAt);
        Assert.Equal(1, sent.Attempts);
        Assert.Null(sent.LastError);
        Assert.Single(sender.Sent);
    }

    [SkippableTheory, BothDatabases]
    public async Task Retries_back_off_up_to_an_hour(string provider)
    {
        var sender = new ScriptedSender { Failures = 9 };
        await using var host = await EmailTestHost.StartAsync(provider, s => s.AddSingleton<IEmailSender>(sender));
        await host.QueueAsync(EmailTestHost.Welcome());

        var delays = new List<double>();
        for (var attempt = 1; attempt <= 9; attempt++)
        {
            var before = host.Clock.Now;
            await host.Dispatcher.DispatchOnceAsync();
            var row = Assert.Single(await host.RowsAsync());
            Assert.Equal(attempt, row.Attempts);
            delays.Add((row.NextAttemptAt - before.UtcDateTime).TotalMinutes);
            host.Clock.Advance(row.NextAttemptAt - before.UtcDateTime);
        }

        Assert.Equal(new double[] { 1, 2, 4, 8, 16, 32, 60, 60, 60 }, delays);
        Assert.Equal(1, await host.Dispatcher.DispatchOnceAsync());
    }

    [SkippableTheory, BothDatabases]
    public async Task A_message_claimed_by_a_dispatcher_that_died_is_sent_once_its_claim_runs_out(string provider)
    {
        await using var host = await EmailTestHost.StartAsync(provider);
        await host.QueueAsync(EmailTestHost.Welcome());
        var now = host.Clock.Now.UtcDateTime;

        // Another node claims the message, then dies before sending it.
        var claimed = await host.WithDbAsync((db, services) => services.GetRequiredService<IOutboxClaims>()
            .ClaimAsync(db, "node-that-died", now, now + host.Dispatcher.ClaimDuration, OutboxDispatcher.BatchSize, CancellationToken.None));
        Assert.Single(claimed);

        Assert.Equal(0, await host.Dispatcher.DispatchOnceAsync());
        host.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await host.Dispatcher.DispatchOnceAsync());
        Assert.Empty(host.PickupFiles());

        host.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await host.Dispatcher.DispatchOnceAsync());
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await host.Dispatcher.DispatchOnceAsync());

        Assert.Single(host.PickupFiles());
        Assert.NotNull(Assert.Single(await host.RowsAsync()).SentAt);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_message_sent_again_after_a_crash_replaces_its_own_file(string provider)
    {
        await using var host = await EmailTestHost.StartAsync(provider);
        await host.QueueAsync(EmailTestHost.Welcome());
        var row = Assert.Single(await host.RowsAsync());
        var pickup = host.Services.GetRequiredService<PickupDirectorySender>();

        // The process dies after writing the file but before marking the message sent.
        await pickup.SendAsync(row.Id, new DateTimeOffset(row.CreatedAt), row.ToEmail(), CancellationToken.None);
        Assert.Equal(1, await host.Dispatcher.DispatchOnceAsync());

        Assert.Single(host.PickupFiles());
    }

    [SkippableTheory, BothDatabases]
    public async Task Concurrent_dispatchers_claim_each_message_once(string provider)
    {
        await using var host = await EmailTestHost.StartAsync(provider);
        await host.QueueAsync(Enumerable.Range(1, 45).Select(i => EmailTestHost.Welcome($"welcome:{i}")).ToArray());
        var now = host.Clock.Now.UtcDateTime;

        var nodes = Enumerable.Range(1, 3).Select(node => Task.Run(async () =>
        {
            var mine = new List<Guid>();
            while (true)
            {
                var batch = await host.WithDbAsync((db, services) => services.GetRequiredService<IOutboxClaims>()
                    .ClaimAsync(db, $"node-{node}", now, now.AddMinutes(1), 7, CancellationToken.None));
                if (batch.Count == 0) return mine;
                Assert.All(batch, m => Assert.Equal($"node-{node}", m.ClaimedBy));
                mine.AddRange(batch.Select(m => m.Id));
            }
        }));
        var claimed = (await Task.WhenAll(nodes)).SelectMany(ids => ids).ToList();

        Assert.Equal(45, claimed.Count);
        Assert.Equal(45, claimed.Distinct().Count());
    }

    [SkippableTheory, BothDatabases]
    public async Task Messages_go_oldest_first_in_batches(string provider)
    {
        var sender = new ScriptedSender();
        await using var host = await EmailTestHost.StartAsync(provider, s => s.AddSingleton<IEmailSender>(sender));
        for (var i = 1; i <= 25; i++)
        {
            await host.QueueAsync(EmailTestHost.Welcome($"welcome:{i}"));
            host.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(OutboxDispatcher.BatchSize, await host.Dispatcher.DispatchOnceAsync());
        Assert.Equal(5, await host.Dispatcher.DispatchOnceAsync());

        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"welcome:{i}"), sender.Sent.Select(s => s.Message.Key));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(500, 60)]
    [InlineData(int.MaxValue, 60)]
    public void The_retry_delay_doubles_up_to_an_hour(int attempts, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), OutboxDispatcher.RetryDelay(attempts));

    [Fact]
    public void A_failure_is_described_without_its_message()
    {
        var refused = new System.Net.Mail.SmtpFailedRecipientException(System.Net.Mail.SmtpStatusCode.MailboxUnavailable, "camille.martin@example.org");
        Assert.Equal("SMTP recipient refused (550 MailboxUnavailable)", OutboxDispatcher.Describe(refused));
        Assert.Equal("IOException", OutboxDispatcher.Describe(new IOException("/home/camille/data/mail")));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_site_sends_queued_mail_in_the_background(string provider)
    {
        var pickup = Path.Combine(Path.GetTempPath(), $"elbasar-mail-{Guid.NewGuid():N}");
        try
        {
            await using var app = await TestApp.StartAsync(provider, new()
            {
                ["Email:PickupDirectory"] = pickup,
                ["Email:PollSeconds"] = "1",
                ["Email:DispatcherEnabled"] = "true",
            });
            await app.WithDbAsync<int>(async (db, services) =>
            {
                services.GetRequiredService<Outbox>().Add(EmailTestHost.Welcome());
                return await db.SaveChangesAsync();
            });

            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!Directory.Exists(pickup) || Directory.GetFiles(pickup, "*.eml").Length == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "The dispatcher did not write the message.");
                await Task.Delay(100);
            }
            var eml = Eml.Parse(await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(pickup, "*.eml"))));
            Assert.Equal("Bienvenue sur elBasar — réseau", eml.Header("Subject"));
            Assert.Equal("elbasar@localhost", eml.Header("From"));
        }
        finally
        {
            if (Directory.Exists(pickup)) Directory.Delete(pickup, recursive: true);
        }
    }
}
