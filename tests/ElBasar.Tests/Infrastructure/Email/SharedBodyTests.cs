using System.Data.Common;
using ElBasar.Tests.Support;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Infrastructure.Email;

public sealed class SharedBodyTests
{
    const string Link = "%%LIEN%%";

    static SharedBody Letter(string news = "Les nouvelles du mois") =>
        new($"{news}.\nVotre lien : {Link}\n", $"<p>{news}.</p><p><a href=\"{Link}\">Votre lien</a></p>");

    static string LinkOf(int reader) => $"https://elbasar.example.org/lien/{reader}?a=1&b={reader}";

    static EmailCopy CopyFor(SharedBody body, int reader, string? key = null) =>
        new(new EmailAddress($"lecteur{reader}@example.org", $"Lecteur {reader}"), "La lettre", body)
        {
            Key = key ?? $"lettre:{reader}",
            Values = new Dictionary<string, string> { [Link] = LinkOf(reader) },
            Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = $"<{LinkOf(reader)}>" },
        };

    [SkippableTheory, BothDatabases]
    public async Task Copies_store_their_body_once_and_each_is_sent_with_its_own_values(string provider)
    {
        var sender = new ScriptedSender();
        await using var host = await EmailTestHost.StartAsync(provider, s => s.AddSingleton<IEmailSender>(sender));
        var body = Letter();
        await host.QueueAsync(CopyFor(body, 0), CopyFor(body, 1), CopyFor(body, 2));
        // Another save with another instance of the same content: still the one body.
        await host.QueueAsync(CopyFor(Letter(), 3), CopyFor(Letter(), 4));

        var stored = Assert.Single(await host.BodiesAsync());
        Assert.Equal(body.TextBody, stored.TextBody);
        Assert.Equal(body.HtmlBody, stored.HtmlBody);
        var rows = await host.RowsAsync();
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal((stored.Id, "", ""), (r.BodyId, r.TextBody, r.HtmlBody)));

        while (await host.Dispatcher.DispatchOnceAsync() > 0) { }

        Assert.Equal(5, sender.Sent.Count);
        Assert.All(await host.RowsAsync(), r => Assert.NotNull(r.SentAt));
        foreach (var reader in Enumerable.Range(0, 5))
        {
            var (id, mail) = sender.Sent.Single(s => s.Message.To.Address == $"lecteur{reader}@example.org");
            Assert.Equal(rows.Single(r => r.Id == id).ToAddress, mail.To.Address);
            Assert.Equal($"Lecteur {reader}", mail.To.DisplayName);
            Assert.Equal($"Les nouvelles du mois.\nVotre lien : {LinkOf(reader)}\n", mail.TextBody);
            Assert.Equal($"<p>Les nouvelles du mois.</p><p><a href=\"https://elbasar.example.org/lien/{reader}?a=1&amp;b={reader}\">Votre lien</a></p>", mail.HtmlBody);
            Assert.Equal($"<{LinkOf(reader)}>", mail.Headers["List-Unsubscribe"]);
            Assert.Equal($"lettre:{reader}", mail.Key);
        }
    }

    [SkippableTheory, BothDatabases]
    public async Task Copies_and_whole_messages_go_through_one_outbox(string provider)
    {
        var sender = new ScriptedSender();
        await using var host = await EmailTestHost.StartAsync(provider, s => s.AddSingleton<IEmailSender>(sender));
        await host.QueueAsync(EmailTestHost.Welcome("welcome:1"));
        await host.QueueAsync(CopyFor(Letter(), 1), CopyFor(Letter("Une autre lettre"), 2));

        Assert.Equal(2, (await host.BodiesAsync()).Count);
        Assert.Null((await host.RowsAsync()).Single(r => r.Key == "welcome:1").BodyId);
        while (await host.Dispatcher.DispatchOnceAsync() > 0) { }

        Assert.Equal(EmailTestHost.Welcome().TextBody, sender.Sent.Single(s => s.Message.Key == "welcome:1").Message.TextBody);
        Assert.StartsWith("Une autre lettre.", sender.Sent.Single(s => s.Message.Key == "lettre:2").Message.TextBody);
        Assert.StartsWith("Les nouvelles du mois.", sender.Sent.Single(s => s.Message.Key == "lettre:1").Message.TextBody);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_copy_dropped_for_its_key_writes_no_body(string provider)
    {
        await using var host = await EmailTestHost.StartAsync(provider);
        await host.QueueAsync(CopyFor(Letter(), 1, key: "lettre:1"));

        await host.QueueAsync(CopyFor(Letter("Une autre lettre"), 1, key: "lettre:1"));

        Assert.Single(await host.RowsAsync());
        Assert.StartsWith("Les nouvelles du mois.", Assert.Single(await host.BodiesAsync()).TextBody);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_body_is_deleted_with_the_last_message_that_refers_to_it(string provider)
    {
        await using var host = await EmailTestHost.StartAsync(provider);
        await host.QueueAsync(CopyFor(Letter(), 1), CopyFor(Letter(), 2), CopyFor(Letter(), 3), CopyFor(Letter("Une autre lettre"), 4));
        var bodies = await host.BodiesAsync();
        Assert.Equal(2, bodies.Count);
        Task<int> DeleteAsync(params string[] keys) =>
            host.WithDbAsync((db, _) => db.Set<OutboxMessage>().Where(m => keys.Contains(m.Key!)).ExecuteDeleteAsync());

        await DeleteAsync("lettre:1");
        Assert.Equal(2, (await host.BodiesAsync()).Count);

        // In one statement: the last two copies of the first body and the only copy of the second.
        await DeleteAsync("lettre:2", "lettre:3", "lettre:4");
        Assert.Empty(await host.BodiesAsync());

        // A body in use cannot be deleted under its copies.
        await host.QueueAsync(CopyFor(Letter(), 5));
        await Assert.ThrowsAnyAsync<DbException>(() => host.WithDbAsync((db, _) => db.Set<OutboxBody>().ExecuteDeleteAsync()));
        Assert.Single(await host.BodiesAsync());
    }

    [Fact]
    public void Placeholders_are_filled_in_one_pass_as_text_and_as_encoded_html()
    {
        var values = new Dictionary<string, string> { ["%%A%%"] = "<%%B%%>", ["%%B%%"] = "b&b" };

        Assert.Equal("x <%%B%%> y b&b z", SharedBody.Fill("x %%A%% y %%B%% z", values, html: false));
        Assert.Equal("x &lt;%%B%%&gt; y b&amp;b z", SharedBody.Fill("x %%A%% y %%B%% z", values, html: true));
        Assert.Equal("nothing to fill", SharedBody.Fill("nothing to fill", new Dictionary<string, string>(), html: true));
    }

    [Fact]
    public void The_hash_tells_contents_apart_and_names_equal_ones_alike()
    {
        Assert.Equal(new SharedBody("a", "b").Hash, new SharedBody("a", "b").Hash);
        Assert.NotEqual(new SharedBody("ab", "").Hash, new SharedBody("a", "b").Hash);
        Assert.Equal(64, new SharedBody("a", "b").Hash.Length);
    }

    [Fact]
    public void A_placeholder_too_short_to_be_told_from_the_text_is_refused()
    {
        var copy = CopyFor(Letter(), 1) with { Values = new Dictionary<string, string> { ["a"] = "b" } };

        Assert.Throws<ArgumentException>(copy.Validate);
    }

    [Fact]
    public void A_copy_is_checked_like_a_message()
    {
        var copy = CopyFor(Letter(), 1) with { Subject = "La lettre\r\nBcc: tous@example.org" };

        Assert.Throws<ArgumentException>(copy.Validate);
    }
}
