using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ElBasar.Tests.Infrastructure.Email;

/// <summary>
/// An SMTP server that takes a message and never answers its end: the greeting, EHLO, MAIL, RCPT
/// and DATA are accepted, then, once the data has arrived, the connection is held open and
/// silent until the test disposes of the server. A sender handing a message to it is stuck
/// between the hand-over and its outcome.
/// </summary>
sealed class StallingSmtpServer : IAsyncDisposable
{
    readonly TcpListener _listener;
    readonly CancellationTokenSource _stop = new();
    readonly List<TcpClient> _clients = [];
    readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly Task _accepting;

    public int Port { get; }

    /// <summary>Completes when a message's data has arrived and is being left unanswered.</summary>
    public Task Stalled => _stalled.Task;

    StallingSmtpServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public static StallingSmtpServer Start() => new();

    async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_clients) _clients.Add(client);
                _ = ServeAsync(client);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
    }

    async Task ServeAsync(TcpClient client)
    {
        var ct = _stop.Token;
        try
        {
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.ASCII);
            var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 stalling.example ESMTP");
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                switch (line.Split(' ')[0].ToUpperInvariant())
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 stalling.example");
                        break;
                    case "MAIL" or "RCPT" or "RSET" or "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        while (await reader.ReadLineAsync(ct) is { } data && data != ".") { }
                        _stalled.TrySetResult();
                        await Task.Delay(Timeout.Infinite, ct);
                        return;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
            // The client went away (killed, or it gave up).
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        lock (_clients)
        {
            foreach (var client in _clients) client.Dispose();
        }
        _stop.Dispose();
    }
}
