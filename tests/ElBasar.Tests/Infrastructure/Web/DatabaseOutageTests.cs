using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using ElBasar.Tests.Support;
using Npgsql;

namespace ElBasar.Tests.Infrastructure.Web;

/// <summary>
/// PostgreSQL going away under the site: every request fails fast with 503 (a French page, a
/// problem+json under /api), /readyz says so, and the site answers again by itself once the
/// database is back. The database sits behind a TCP relay the test cuts and restores.
/// </summary>
public sealed class DatabaseOutageTests
{
    [SkippableFact]
    public async Task Without_its_database_the_site_answers_503_at_once_and_recovers_when_it_returns()
    {
        await using var database = await TestDatabase.CreateAsync("postgresql");
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var relay = new TcpRelay(server.Host!, server.Port);
        relay.Start();
        var proxied = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Timeout = 3 };
        await using var app = TestApp.StartOn(database, new() { ["ConnectionStrings:ElBasar"] = proxied.ConnectionString });
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/recherche?q=vélo")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        relay.Stop();
        var watch = Stopwatch.StartNew();
        var page = await client.GetAsync("/recherche?q=vélo");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal("30", page.Headers.RetryAfter?.ToString());
        var text = Html.VisibleText(await page.Content.ReadAsStringAsync());
        Assert.Contains("Service momentanément indisponible", text);
        Assert.Contains("Réessayez dans une minute", text);
        Assert.NotNull(page.Headers.GetValues("Content-Security-Policy").Single());

        var api = await client.GetAsync("/api/v1/listings?q=vélo");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(503, (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Three requests without a database took {watch.Elapsed.TotalSeconds:0.0} s.");

        relay.Start();
        HttpStatusCode status = 0;
        for (var attempt = 0; attempt < 20 && status != HttpStatusCode.OK; attempt++)
        {
            if (attempt > 0) await Task.Delay(250);
            status = (await client.GetAsync("/recherche?q=vélo")).StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/listings?q=vélo")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    /// <summary>Relays TCP connections from a local port to the database server; <see cref="Stop"/> refuses new ones and cuts those open.</summary>
    sealed class TcpRelay(string host, int port) : IAsyncDisposable
    {
        readonly List<TcpClient> _open = [];
        TcpListener? _listener;
        CancellationTokenSource? _running;
        public int Port { get; private set; }

        public void Start()
        {
            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _running = new CancellationTokenSource();
            _ = AcceptAsync(_listener, _running.Token);
        }

        async Task AcceptAsync(TcpListener listener, CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                TcpClient incoming;
                try { incoming = await listener.AcceptTcpClientAsync(ct); }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
                var outgoing = new TcpClient();
                try { await outgoing.ConnectAsync(host, port, ct); }
                catch (Exception e) when (e is OperationCanceledException or SocketException) { incoming.Dispose(); outgoing.Dispose(); continue; }
                lock (_open) _open.AddRange([incoming, outgoing]);
                _ = PumpAsync(incoming, outgoing, ct);
                _ = PumpAsync(outgoing, incoming, ct);
            }
        }

        static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken ct)
        {
            try { await from.GetStream().CopyToAsync(to.GetStream(), ct); }
            catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException) { }
            from.Dispose();
            to.Dispose();
        }

        public void Stop()
        {
            _running?.Cancel();
            _listener?.Stop();
            lock (_open)
            {
                foreach (var client in _open) client.Dispose();
                _open.Clear();
            }
        }

        public ValueTask DisposeAsync()
        {
            Stop();
            return ValueTask.CompletedTask;
        }
    }
}
