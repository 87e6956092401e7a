using System.Text.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.Extensions.Options;

namespace ElBasar.Tests.Infrastructure.Email;

/// <summary>Against a real SMTP server (aiosmtpd); skipped, with the reason, without Python's aiosmtpd.</summary>
public sealed class SmtpEmailSenderTests
{
    [SkippableFact]
    public async Task A_message_reaches_the_smtp_server_with_its_headers_and_both_parts()
    {
        await using var sink = await SmtpSink.StartAsync();
        var sender = new SmtpEmailSender(Options.Create(new EmailOptions
        {
            Mode = EmailMode.Smtp,
            From = "elBasar <contact@elbasar.example.org>",
            Smtp = new SmtpSettings { Host = "127.0.0.1", Port = sink.Port },
        }));
        var id = Guid.CreateVersion7(FakeClock.Default);
        var message = EmailTestHost.Welcome() with
        {
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = "<https://elbasar.example.org/desabonnement/abc>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
        };

        await sender.SendAsync(id, FakeClock.Default, message, CancellationToken.None);

        var (raw, envelope) = await sink.ReceiveAsync();
        Assert.Equal("contact@elbasar.example.org", envelope.MailFrom);
        Assert.Equal(new[] { "camille.martin@example.org" }, envelope.RcptTos);
        var eml = Eml.Parse(raw);
        Assert.Equal("Bienvenue sur elBasar — réseau", eml.Header("Subject"));
        Assert.Contains("<camille.martin@example.org>", eml.Header("To"));
        Assert.Contains("Camille Martin", eml.Header("To"));
        Assert.Equal($"<{id:N}@elbasar.example.org>", eml.Header("Message-ID"));
        Assert.NotNull(eml.Header("Date"));
        Assert.Equal("<https://elbasar.example.org/desabonnement/abc>", eml.Header("List-Unsubscribe"));
        Assert.Equal("List-Unsubscribe=One-Click", eml.Header("List-Unsubscribe-Post"));
        Assert.StartsWith("multipart/alternative", eml.Header("Content-Type"));
        Assert.Equal(message.TextBody, eml.Body("text/plain"));
        Assert.Equal(message.HtmlBody, eml.Body("text/html"));

        // An independent parser agrees.
        var file = Path.Combine(sink.Inbox, "0001.eml");
        var (exit, output, error) = await Python.RunAsync(["-c", PickupDirectorySenderTests.ParseWithPython, file]);
        Assert.True(exit == 0, error);
        var parsed = JsonDocument.Parse(output).RootElement;
        Assert.Equal("Bienvenue sur elBasar — réseau", parsed.GetProperty("subject").GetString());
        Assert.Equal("camille.martin@example.org", parsed.GetProperty("to_address").GetString());
        Assert.Contains("Bienvenue sur elBasar — réseau", parsed.GetProperty("plain").GetString());
    }

    [SkippableTheory, BothDatabases]
    public async Task The_dispatcher_delivers_through_smtp_once(string provider)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var host = await EmailTestHost.StartAsync(provider, settings: new()
        {
            ["Email:Mode"] = "smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = sink.Port.ToString(),
        });
        Assert.IsType<SmtpEmailSender>(host.Services.GetService(typeof(IEmailSender)));
        await host.QueueAsync(EmailTestHost.Welcome("welcome:1"));

        Assert.Equal(1, await host.Dispatcher.DispatchOnceAsync());
        Assert.Equal(0, await host.Dispatcher.DispatchOnceAsync());

        var (raw, envelope) = await sink.ReceiveAsync();
        Assert.Equal(new[] { "camille.martin@example.org" }, envelope.RcptTos);
        Assert.Equal("Bienvenue sur elBasar — réseau", Eml.Parse(raw).Header("Subject"));
        Assert.Equal(1, sink.Received);
        Assert.NotNull(Assert.Single(await host.RowsAsync()).SentAt);
    }

    [SkippableTheory, BothDatabases]
    public async Task An_unreachable_relay_is_a_failed_attempt_retried_later(string provider)
    {
        await using var host = await EmailTestHost.StartAsync(provider, settings: new()
        {
            ["Email:Mode"] = "smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = "1",
        });
        await host.QueueAsync(EmailTestHost.Welcome());

        Assert.Equal(0, await host.Dispatcher.DispatchOnceAsync());

        var row = Assert.Single(await host.RowsAsync());
        Assert.Equal(1, row.Attempts);
        Assert.StartsWith("SMTP error", row.LastError);
        Assert.DoesNotContain("camille", row.LastError);
    }

    [Fact]
    public async Task A_relay_that_never_answers_the_message_is_given_up_after_half_the_claim()
    {
        await using var relay = StallingSmtpServer.Start();
        var sender = new SmtpEmailSender(Options.Create(new EmailOptions
        {
            Mode = EmailMode.Smtp,
            ClaimSeconds = 4,
            Smtp = new SmtpSettings { Host = "127.0.0.1", Port = relay.Port },
        }));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<TimeoutException>(() =>
            sender.SendAsync(Guid.CreateVersion7(FakeClock.Default), FakeClock.Default, EmailTestHost.Welcome(), CancellationToken.None));

        Assert.True(relay.Stalled.IsCompleted, "The message's data reached the relay before it went silent.");
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
        Assert.Equal("TimeoutException", OutboxDispatcher.Describe(failure));
    }
}
