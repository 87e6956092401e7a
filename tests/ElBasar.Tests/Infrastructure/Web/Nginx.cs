using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ElBasar.Tests.Infrastructure.Web;

/// <summary>
/// Debian's nginx for one test, as a child process (<c>daemon off</c>) in a folder of its own,
/// serving the committed example <c>deploy/nginx/elbasar.conf</c> with the test's ports in place
/// of the example's: the nodes' addresses in the upstream, a free local port to listen on.
/// </summary>
sealed class Nginx : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/nginx";

    // The example's values, which the test replaces.
    const string ExampleFirstNode = "127.0.0.1:5001";
    const string ExampleSecondNode = "127.0.0.1:5002";
    const string ExampleListen = "listen 80;";

    readonly Process _process;
    readonly string _root;
    readonly StringBuilder _output = new();

    public Uri BaseAddress { get; }

    Nginx(Process process, string root, Uri baseAddress)
    {
        _process = process;
        _root = root;
        BaseAddress = baseAddress;
    }

    /// <summary>What nginx wrote: its output and its error log.</summary>
    public string Output
    {
        get
        {
            var log = Path.Combine(_root, "error.log");
            lock (_output) return _output + (File.Exists(log) ? File.ReadAllText(log) : "");
        }
    }

    /// <summary>The example configuration, with <paramref name="nodes"/> (two) as its upstream and <paramref name="port"/> to listen on.</summary>
    public static string SiteConfiguration(IReadOnlyList<Uri> nodes, int port)
    {
        Assert.Equal(2, nodes.Count);
        var example = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "deploy", "nginx", "elbasar.conf"));
        var replacements = new[]
        {
            (ExampleFirstNode, $"127.0.0.1:{nodes[0].Port}"),
            (ExampleSecondNode, $"127.0.0.1:{nodes[1].Port}"),
            (ExampleListen, $"listen 127.0.0.1:{port};"),
        };
        foreach (var (from, to) in replacements)
        {
            Assert.True(example.Contains(from, StringComparison.Ordinal), $"deploy/nginx/elbasar.conf no longer says \"{from}\", which the test replaces.");
            example = example.Replace(from, to, StringComparison.Ordinal);
        }
        return example;
    }

    /// <summary>Starts nginx in front of <paramref name="nodes"/> and waits until it accepts connections. Fails when nginx is not installed.</summary>
    public static async Task<Nginx> StartAsync(IReadOnlyList<Uri> nodes)
    {
        Assert.True(File.Exists(Executable), $"nginx is missing ({Executable}): `apt-get install nginx`. The two-node test needs it whenever PostgreSQL is configured.");
        var root = Path.Combine(Path.GetTempPath(), $"elbasar-nginx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(root, "elbasar.conf"), SiteConfiguration(nodes, port));
        // Everything nginx writes stays in its folder; the site's part is the example, included as is.
        await File.WriteAllTextAsync(Path.Combine(root, "nginx.conf"),
            $$"""
            daemon off;
            worker_processes 1;
            pid {{root}}/nginx.pid;
            error_log {{root}}/error.log warn;
            events { worker_connections 512; }
            http {
                access_log {{root}}/access.log;
                client_body_temp_path {{root}}/client_body;
                proxy_temp_path {{root}}/proxy;
                fastcgi_temp_path {{root}}/fastcgi;
                uwsgi_temp_path {{root}}/uwsgi;
                scgi_temp_path {{root}}/scgi;
                include {{root}}/elbasar.conf;
            }
            """);
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-p", root, "-c", Path.Combine(root, "nginx.conf"), "-e", Path.Combine(root, "error.log") })
            start.ArgumentList.Add(argument);
        var nginx = new Nginx(new Process { StartInfo = start }, root, new Uri($"http://127.0.0.1:{port}"));
        nginx._process.OutputDataReceived += (_, e) => nginx.Append(e.Data);
        nginx._process.ErrorDataReceived += (_, e) => nginx.Append(e.Data);
        nginx._process.Start();
        nginx._process.BeginOutputReadLine();
        nginx._process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (nginx._process.HasExited)
            {
                var output = nginx.Output;
                await nginx.DisposeAsync();
                Assert.Fail($"nginx stopped at start:\n{output}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return nginx;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

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
