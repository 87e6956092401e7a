using System.Text.Json;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.Extensions.Options;

namespace ElBasar.Tests.Infrastructure.Email;

public sealed class PickupDirectorySenderTests : IDisposable
{
    readonly string _directory = Path.Combine(Path.GetTempPath(), $"elbasar-mail-{Guid.NewGuid():N}", "not", "yet", "there");
    readonly DateTimeOffset _queuedAt = new(2026, 11, 20, 9, 0, 0, 123, TimeSpan.Zero);

    PickupDirectorySender Sender(string from = "elBasar <contact@elbasar.example.org>") =>
        new(Options.Create(new EmailOptions { PickupDirectory = _directory, From = from }));

    public void Dispose()
    {
        var root = Path.GetFullPath(Path.Combine(_directory, "..", "..", ".."));
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task The_folder_is_created_and_files_sort_by_time_then_id()
    {
        var first = Guid.CreateVersion7(_queuedAt);
        var second = Guid.CreateVersion7(_queuedAt.AddSeconds(1));

        await Sender().SendAsync(second, _queuedAt.AddSeconds(1), EmailTestHost.Welcome(), CancellationToken.None);
        await Sender().SendAsync(first, _queuedAt, EmailTestHost.Welcome(), CancellationToken.None);

        var files = Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { $"20261120T090000123Z-{first:N}.eml", $"20261120T090001123Z-{second:N}.eml" }, files);
    }

    [Fact]
    public async Task Sending_a_message_again_replaces_its_file_and_leaves_no_temporary_file()
    {
        var id = Guid.CreateVersion7(_queuedAt);

        await Sender().SendAsync(id, _queuedAt, EmailTestHost.Welcome(), CancellationToken.None);
        await Sender().SendAsync(id, _queuedAt, EmailTestHost.Welcome() with { Subject = "Deuxième envoi" }, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(_directory, "*", SearchOption.AllDirectories));
        Assert.Equal("Deuxième envoi", Eml.Parse(await File.ReadAllBytesAsync(file)).Header("Subject"));
    }

    public static TheoryData<string, string> Texts => new()
    {
        { "Bienvenue sur elBasar — réseau", "Bonjour,\n\nBienvenue sur elBasar — réseau.\n" },
        { "Sujet ASCII assez long pour être plié : " + string.Concat(Enumerable.Repeat("prêt de matériel ", 12)),
          string.Concat(Enumerable.Repeat("Une très longue ligne avec des accents éàüç et des signes = ", 12)) },
        { "A plain ASCII subject that is long enough to be folded across several header lines, at spaces only",
          ".\n.. un point en début de ligne\nfin de ligne avec blancs   \ttabulation\r\n\r\nligne vide avant" },
        { "Émojis 🚲🌱 et =?piège?= dans le sujet", "🚲 vélo-cargo à prêter\n=?utf-8?B?piège?=\n" },
        { "x", "" },
    };

    [Theory, MemberData(nameof(Texts))]
    public async Task Any_subject_and_body_come_back_intact(string subject, string body)
    {
        var id = Guid.CreateVersion7(_queuedAt);
        var message = EmailTestHost.Welcome() with { Subject = subject, TextBody = body, HtmlBody = $"<pre>{body}</pre>" };

        await Sender().SendAsync(id, _queuedAt, message, CancellationToken.None);

        var bytes = await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(_directory)));
        var eml = Eml.Parse(bytes);
        Assert.Equal(subject, eml.Header("Subject"));
        Assert.Equal(body.ReplaceLineEndings("\n"), eml.Body("text/plain"));
        Assert.Equal($"<pre>{body}</pre>".ReplaceLineEndings("\n"), eml.Body("text/html"));
        Assert.All(eml.RawHeaderBlock.Split("\r\n"), line => Assert.True(line.Length <= (line.Contains("=?") ? 76 : 78),
            $"Header line too long: {line}"));
    }

    [Theory]
    [InlineData("Hélène « la Grande » Dupré")]
    [InlineData("Hélène Dupré, coopérative d'activités et d'emploi des Hauts-de-France, antenne de Roubaix-Tourcoing")]
    [InlineData("Hélène_Dupré_coopérative_d'activités_et_d'emploi_des_Hauts-de-France,_antenne_de_Roubaix")]
    public async Task Names_with_accents_are_encoded_and_come_back_intact(string name)
    {
        var message = EmailTestHost.Welcome() with { To = new EmailAddress("helene@example.org", name) };

        await Sender("Réseau ESS des Hauts-de-France <contact@elbasar.example.org>").SendAsync(Guid.CreateVersion7(_queuedAt), _queuedAt, message, CancellationToken.None);

        var eml = Eml.Parse(await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(_directory))));
        Assert.Equal($"{name} <helene@example.org>", eml.Header("To"));
        Assert.All(eml.RawHeaderBlock.Split("\r\n"), line => Assert.True(line.Length <= 76, $"Header line too long: {line}"));
        Assert.Contains("<contact@elbasar.example.org>", eml.Header("From"));
        Assert.Equal("Réseau ESS des Hauts-de-France <contact@elbasar.example.org>", eml.Header("From"));
    }

    [SkippableTheory]
    // Python keeps the white space between two encoded words of a display name (RFC 2047 drops
    // it), so the accented name here fits in one; longer ones are checked with our own reader.
    [InlineData("Camille « Cam » Martin, coopérative")]
    [InlineData("Martin, \"Cam\" \\ Camille")]
    public async Task Python_s_mail_parser_reads_the_file_without_defects(string name)
    {
        await Python.SkipUnlessAvailableAsync("email");
        var message = EmailTestHost.Welcome() with
        {
            To = new EmailAddress("camille.martin@example.org", name),
            Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://elbasar.example.org/desabonnement/abc>" },
        };
        await Sender().SendAsync(Guid.CreateVersion7(_queuedAt), _queuedAt, message, CancellationToken.None);
        var file = Assert.Single(Directory.GetFiles(_directory));

        var (exit, output, error) = await Python.RunAsync(["-c", ParseWithPython, file]);

        Assert.True(exit == 0, error);
        var parsed = JsonDocument.Parse(output).RootElement;
        Assert.Empty(parsed.GetProperty("defects").EnumerateArray());
        Assert.Equal(message.Subject, parsed.GetProperty("subject").GetString());
        Assert.Equal(name, parsed.GetProperty("to_name").GetString());
        Assert.Equal("camille.martin@example.org", parsed.GetProperty("to_address").GetString());
        Assert.Equal("<https://elbasar.example.org/desabonnement/abc>", parsed.GetProperty("unsubscribe").GetString());
        Assert.Equal(message.TextBody, parsed.GetProperty("plain").GetString());
        Assert.Equal(message.HtmlBody, parsed.GetProperty("html").GetString());
    }

    // Python's email package (policy.default) is strict about RFC 5322 and reports defects.
    internal const string ParseWithPython =
        """
        import json, sys, email
        from email import policy
        with open(sys.argv[1], "rb") as f:
            m = email.message_from_binary_file(f, policy=policy.default)
        defects = [type(d).__name__ for part in m.walk() for d in part.defects]
        to = m["to"].addresses[0]
        print(json.dumps({
            "defects": defects,
            "subject": str(m["subject"]),
            "to_name": to.display_name,
            "to_address": to.addr_spec,
            "unsubscribe": m.get("List-Unsubscribe"),
            "message_id": m.get("Message-ID"),
            "plain": m.get_body(("plain",)).get_content(),
            "html": m.get_body(("html",)).get_content(),
        }))
        """;
}
