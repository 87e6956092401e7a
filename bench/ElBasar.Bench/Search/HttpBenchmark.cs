using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ElBasar.Bench.Import;

namespace ElBasar.Bench.Search;

/// <summary>
/// <c>http</c>: the same query mix over HTTP. Starts the built web app (Release) on the given
/// database, sends each URL of the mix once to warm it, then runs wrk with a Lua script that
/// cycles through the URLs and reports the 95th percentile and every kind of error.
/// </summary>
static partial class HttpBenchmark
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var provider = (options.String("provider") ?? "sqlite").ToLowerInvariant();
        var connection = options.Required("connection");
        var duration = (int)options.Integer("duration", fallback: 30, min: 1);
        var connections = (int)options.Integer("connections", fallback: 2, min: 1);
        var threads = (int)options.Integer("threads", fallback: 2, min: 1);
        var port = (int)options.Integer("port", fallback: 5099, min: 1);
        var seed = (ulong)options.Integer("seed", fallback: 42);
        var web = options.String("web") is { } w ? Path.GetFullPath(w) : ImportBenchmark.FindWebDll();
        var script = Path.GetFullPath(options.String("script") ?? Path.Combine(Path.GetTempPath(), "elbasar-bench", "search-wrk.lua"));
        options.EnsureAllUsed();
        if (provider is not ("sqlite" or "postgresql"))
            throw new CommandLineException($"--provider must be sqlite or postgresql, not '{provider}'.");
        if (!File.Exists(web))
            throw new CommandLineException($"{web} not found: build it first (dotnet build -c Release src/ElBasar.Web) or pass --web.");

        var mix = QueryMix.Build(20, seed);
        WriteScript(script, mix);
        Console.WriteLine($"wrk script {script} ({mix.Count} URLs)");

        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(web)! };
        foreach (var argument in new[] { web, "--urls", baseUrl }) start.ArgumentList.Add(argument);
        start.Environment["Database__Provider"] = provider;
        start.Environment["ConnectionStrings__ElBasar"] = connection;
        start.Environment["Demo__Seed"] = "false";
        using var server = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
            await WaitForAsync(client, server);
            string? total = null;
            foreach (var query in mix)
            {
                using var response = await client.GetAsync($"/api/v1/listings?{query.QueryString()}");
                response.EnsureSuccessStatusCode();
            }
            using (var count = await client.GetAsync("/api/v1/listings?pageSize=1"))
            {
                var body = await count.Content.ReadAsStringAsync();
                var match = TotalPattern().Match(body);
                // Past ListingSearch.CountLimit the API counts no further: "1000+".
                if (match.Success) total = match.Groups[1].Value + (body.Contains("\"totalIsCapped\":true", StringComparison.Ordinal) ? "+" : "");
            }
            Console.WriteLine($"server    {baseUrl}, {provider}, {total ?? "?"} visible listings; warmed with {mix.Count} requests");

            var output = await RunWrkAsync(["-t", $"{threads}", "-c", $"{connections}", "-d", $"{duration}s", "--latency", "-s", script, baseUrl]);
            var line = output.Split('\n').LastOrDefault(l => l.StartsWith("http ", StringComparison.Ordinal));
            if (line is null) throw new InvalidOperationException("wrk did not print the script's summary line.");
            Console.WriteLine();
            Console.WriteLine(line.Replace("http p95_ms=", $"http p95_ms_{provider}=", StringComparison.Ordinal));
            return 0;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [GeneratedRegex("\"total\":(\\d+)")]
    private static partial Regex TotalPattern();

    internal static async Task WaitForAsync(HttpClient client, Process server)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (server.HasExited) throw new InvalidOperationException($"The web app exited with code {server.ExitCode}.");
            try
            {
                using var response = await client.GetAsync("/api/v1/listings?pageSize=1");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (watch.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("The web app did not answer within 5 minutes.");
            await Task.Delay(250);
        }
    }

    internal static async Task<string> RunWrkAsync(string[] arguments)
    {
        var start = new ProcessStartInfo("wrk") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Console.WriteLine($"--- wrk {string.Join(' ', arguments)}");
        Process wrk;
        try
        {
            wrk = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            throw new CommandLineException("wrk is not installed (apt-get install -y wrk).");
        }
        using (wrk)
        {
            var output = new StringBuilder();
            while (await wrk.StandardOutput.ReadLineAsync() is { } line)
            {
                Console.WriteLine(line);
                output.AppendLine(line);
            }
            await wrk.WaitForExitAsync();
            if (wrk.ExitCode != 0) throw new InvalidOperationException($"wrk exited with code {wrk.ExitCode}.");
            return output.ToString();
        }
    }

    /// <summary>
    /// The Lua script for wrk: each thread starts at its own place in the list of URLs and goes
    /// round it; at the end, one line with the 50th, 95th and 99th percentiles and the errors
    /// (connect, read, write, timeout, and HTTP statuses other than 2xx/3xx).
    /// </summary>
    public static void WriteScript(string path, IReadOnlyList<BenchQuery> mix)
    {
        var lua = new StringBuilder();
        lua.AppendLine("-- Written by ElBasar.Bench (http): the search benchmark's query mix, for");
        lua.AppendLine("-- wrk -t2 -c2 -d30s --latency -s THIS_FILE http://127.0.0.1:5099");
        lua.AppendLine("local paths = {");
        foreach (var query in mix) lua.AppendLine($"  \"/api/v1/listings?{query.QueryString()}\",");
        lua.AppendLine("}");
        lua.AppendLine(
            """
            local counter = 0

            function setup(thread)
              thread:set("id", counter)
              counter = counter + 1
            end

            function init(args)
              position = (id * 7) % #paths
            end

            function request()
              position = position % #paths + 1
              return wrk.format("GET", paths[position])
            end

            function done(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("http p95_ms=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f requests=%d errors=%d non_2xx=%d\n",
                latency:percentile(95) / 1000, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
                latency.max / 1000, summary.requests, e.connect + e.read + e.write + e.timeout + e.status, e.status))
            end
            """);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, lua.ToString());
    }
}
