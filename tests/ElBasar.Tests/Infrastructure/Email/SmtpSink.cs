using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace ElBasar.Tests.Infrastructure.Email;

/// <summary>
/// A real SMTP server for one test: Debian's aiosmtpd on a free local port, with a handler that
/// writes each message received to a folder (NNNN.eml, and its envelope in NNNN.json).
/// Skips the test when Python or aiosmtpd is missing.
/// </summary>
sealed class SmtpSink : IAsyncDisposable
{
    const string Handler =
        """
        import json, os, pathlib

        class FolderHandler:
            def __init__(self, folder):
                self.folder = pathlib.Path(folder)
                self.count = 0

            @classmethod
            def from_cli(cls, parser, *args):
                return cls(*args)

            async def handle_DATA(self, server, session, envelope):
                self.count += 1
                stem = self.folder / f"{self.count:04d}"
                stem.with_suffix(".json").write_text(json.dumps({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}))
                stem.with_suffix(".tmp").write_bytes(envelope.original_content or envelope.content)
                os.replace(stem.with_suffix(".tmp"), stem.with_suffix(".eml"))
                return "250 Message accepted for delivery"
        """;

    readonly string _root;
    readonly Process _process;
    public int Port { get; }
    public string Inbox { get; }

    SmtpSink(string root, Process process, int port)
    {
        _root = root;
        _process = process;
        Port = port;
        Inbox = Path.Combine(root, "inbox");
    }

    public sealed record Envelope(string MailFrom, string[] RcptTos);

    public static async Task<SmtpSink> StartAsync()
    {
        await Python.SkipUnlessAvailableAsync("aiosmtpd");
        var root = Path.Combine(Path.GetTempPath(), $"elbasar-smtp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(root, "inbox"));
        await File.WriteAllTextAsync(Path.Combine(root, "elbasar_sink.py"), Handler);
        var port = FreePort();
        var start = new ProcessStartInfo(Python.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PYTHONPATH"] = root },
        };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "elbasar_sink.FolderHandler", Path.Combine(root, "inbox") })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        var sink = new SmtpSink(root, process, port);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (process.HasExited)
            {
                await sink.DisposeAsync();
                Assert.Fail($"aiosmtpd stopped at start: {await errors}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return sink;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>The next message received, raw, with its envelope; fails after a few seconds.</summary>
    public async Task<(byte[] Message, Envelope Envelope)> ReceiveAsync(int number = 1)
    {
        var eml = Path.Combine(Inbox, $"{number:0000}.eml");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!File.Exists(eml))
        {
            Assert.True(DateTime.UtcNow < deadline, $"No message number {number} reached the SMTP server.");
            await Task.Delay(50);
        }
        var envelope = JsonDocument.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(eml, ".json"))).RootElement;
        return (await File.ReadAllBytesAsync(eml), new Envelope(
            envelope.GetProperty("mail_from").GetString()!,
            envelope.GetProperty("rcpt_tos").EnumerateArray().Select(r => r.GetString()!).ToArray()));
    }

    public int Received => Directory.GetFiles(Inbox, "*.eml").Length;

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
