using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ElBasar.Tests.Support;

/// <summary>
/// The built site run as a process of its own, <c>dotnet ElBasar.Web.dll</c> from the tests' output
/// folder (the test project references the site, so the build puts it there), on a free local port
/// and a test database, in a working folder (and home) of its own: for tests that kill it, or run two.
/// </summary>
public sealed class SiteProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly StringBuilder _output = new();
    readonly string _workingDirectory;

    public Uri BaseAddress { get; }

    SiteProcess(Process process, string workingDirectory, Uri baseAddress)
    {
        _process = process;
        _workingDirectory = workingDirectory;
        BaseAddress = baseAddress;
    }

    /// <summary>What the site wrote on its standard output and error, for failure messages.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the process to end by itself and gives its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken ct = default)
    {
        await _process.WaitForExitAsync(ct);
        return _process.ExitCode;
    }

    /// <summary>Starts the site with <paramref name="settings"/> (configuration keys) and waits until it answers <c>/readyz</c>.</summary>
    public static async Task<SiteProcess> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string?> settings)
    {
        var site = Launch(database, settings, new Uri($"http://127.0.0.1:{FreePort()}"), []);
        using var http = new HttpClient { BaseAddress = site.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (site._process.HasExited)
            {
                await site._process.WaitForExitAsync();
                var output = site.Output;
                await site.DisposeAsync();
                Assert.Fail($"The site stopped at start (exit {site._process.ExitCode}):\n{output}");
            }
            try
            {
                if ((await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK) return site;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                var output = site.Output;
                await site.DisposeAsync();
                Assert.Fail($"The site did not become ready within a minute:\n{output}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Starts one of the site's administrative verbs (<c>import listings FILE</c>…) as a process of its own, with
    /// the same configuration as the site, and returns at once: <see cref="WaitForExitAsync"/> waits for its end.
    /// </summary>
    public static SiteProcess StartVerb(TestDatabase database, IReadOnlyDictionary<string, string?> settings, params string[] verb) =>
        Launch(database, settings, new Uri("http://127.0.0.1:1"), verb);

    static SiteProcess Launch(TestDatabase database, IReadOnlyDictionary<string, string?> settings, Uri baseAddress, string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ElBasar.Web.dll");
        Assert.True(File.Exists(dll), $"The built site is missing: {dll}");
        var workingDirectory = Path.Combine(Path.GetTempPath(), $"elbasar-site-{Guid.NewGuid():N}");
        Directory.CreateDirectory(workingDirectory);
        // The dotnet that runs the tests, when the SDK says which.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = null,
            ["Urls"] = baseAddress.ToString().TrimEnd('/'),
            ["Database:Provider"] = database.ProviderName,
            ["ConnectionStrings:ElBasar"] = database.ConnectionString,
            ["Demo:Seed"] = "false",
            ["Listings:ExpiryRemindersEnabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            // A home of its own, as on a machine of its own: nothing is shared with other sites but the database.
            ["HOME"] = workingDirectory,
        };
        foreach (var (key, value) in settings) environment[key] = value;
        foreach (var (key, value) in environment)
        {
            var name = key.Replace(":", "__", StringComparison.Ordinal);
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }

        var site = new SiteProcess(new Process { StartInfo = start }, workingDirectory, baseAddress);
        site._process.OutputDataReceived += (_, e) => site.Append(e.Data);
        site._process.ErrorDataReceived += (_, e) => site.Append(e.Data);
        site._process.Start();
        site._process.BeginOutputReadLine();
        site._process.BeginErrorReadLine();
        return site;
    }

    void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>Kills the site and everything it started, at once, as a crash or an OOM killer would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        if (Directory.Exists(_workingDirectory)) Directory.Delete(_workingDirectory, recursive: true);
    }
}
