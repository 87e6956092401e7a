using System.Diagnostics;
using System.Globalization;
using System.Text;
using ElBasar.Bench.Import;

namespace ElBasar.Bench.Scale;

/// <summary>
/// <c>scale</c>: every scenario of the national-scale table, one after the other on each database,
/// each in its own process (so that its peak memory is its own), then one line with every figure.
/// The network of 100,000 organisations and 1,000,000 listings is generated and imported through the
/// <c>import</c> verb (the import scenario), then searched, rendered and loaded; the other scenarios
/// prepare the data of their own size in their own database (saved searches, exchanges, lendable
/// items and their reservations, digest subscribers).
/// </summary>
static class ScaleCommand
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal) { "tiny", "reuse" };

    const string DefaultPostgres = "Host=127.0.0.1;Port=55433;Username=postgres;Password=postgres";

    /// <summary>One scenario: its name (the prefix of its figures in the last line) and the command line that runs it.</summary>
    sealed record Step(string Name, string[] Arguments);

    sealed record Outcome(string Name, string Provider, int ExitCode, double Seconds, double PeakMegabytes, Dictionary<string, string> Figures);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var tiny = options.Flag("tiny");
        var reuse = options.Flag("reuse");
        var organizations = options.Integer("organizations", fallback: 100_000, min: 1);
        var listings = options.Integer("listings", fallback: 1_000_000, min: 1);
        var searches = options.String("searches") ?? "100k";
        var exchanges = options.String("exchanges") ?? "1m";
        var items = options.String("items") ?? "10k";
        var subscribers = options.String("subscribers") ?? "100k";
        var loadSeconds = options.Integer("load-duration", fallback: 60, min: 1);
        var directory = Path.GetFullPath(options.String("dir") ?? Path.Combine(Path.GetTempPath(), "elbasar-bench"));
        var postgres = options.String("postgres") ?? DefaultPostgres;
        var providers = (options.String("providers") ?? "sqlite,postgresql")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        options.EnsureAllUsed();
        // --tiny runs each command's own --tiny, on SQLite: it proves the commands, not the sizes.
        if (tiny) providers = ["sqlite"];
        foreach (var provider in providers)
            if (provider is not ("sqlite" or "postgresql")) throw new CommandLineException($"--providers takes sqlite and postgresql, not '{provider}'.");

        var size = ImportBenchmark.SizeLabel(listings);
        var files = Path.Combine(directory, $"scale-{ImportBenchmark.SizeLabel(organizations)}-{size}");
        if (!tiny && !File.Exists(Path.Combine(files, "listings.jsonl")))
        {
            var generated = await RunStepAsync("generate", "", ["generate", "--organizations", $"{organizations}", "--listings", $"{listings}",
                "--out", files, "--seed", "42", "--now", "2026-11-22T00:00:00Z"]);
            if (generated.ExitCode != 0) return generated.ExitCode;
        }

        var outcomes = new List<Outcome>();
        foreach (var provider in providers)
        {
            var connection = provider == "sqlite"
                ? $"Data Source={Path.Combine(directory, $"scale-{size}-bench.db")}"
                : $"{postgres};Database=elbasar_scale_{size}_bench";
            var database = new[] { "--provider", provider, "--connection", connection };
            var others = new[] { "--providers", provider, "--dir", directory, "--postgres", postgres };
            IEnumerable<Step> steps = tiny
                ?
                [
                    new("search", ["search", "--tiny"]),
                    new("pages", ["pages", "--tiny"]),
                    new("alerts", ["alerts", "--tiny"]),
                    new("impact", ["impact", "--tiny"]),
                    new("lending", ["lending", "--tiny"]),
                    new("digest", ["digest", "--tiny"]),
                    new("load", ["load", "--tiny"]),
                ]
                :
                [
                    .. reuse
                        ? Array.Empty<Step>()
                        : [new Step("import", ["import", "--organizations-file", Path.Combine(files, "organizations.jsonl"),
                            "--listings-file", Path.Combine(files, "listings.jsonl"), "--passes", "1", "--keep", .. database])],
                    new("search", ["search", .. database]),
                    new("pages", ["pages", .. database]),
                    new("alerts", ["alerts", "--searches", searches, .. others]),
                    new("impact", ["impact", "--exchanges", exchanges, .. others]),
                    new("lending", ["lending", "--items", items, .. others]),
                    new("digest", ["digest", "--subscribers", subscribers, .. others]),
                    new("load", ["load", "--duration", $"{loadSeconds}", "--connections", "2,16", .. database]),
                ];
            foreach (var step in steps)
            {
                Console.WriteLine();
                Console.WriteLine($"==== scale: {step.Name} on {provider} ====");
                outcomes.Add(await RunStepAsync(step.Name, provider, step.Arguments));
            }
        }

        Report(outcomes);
        return outcomes.Any(o => o.ExitCode != 0) ? 1 : 0;
    }

    /// <summary>Runs this program again with <paramref name="arguments"/>, echoing its output, and keeps its last line's figures.</summary>
    static async Task<Outcome> RunStepAsync(string name, string provider, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, StandardOutputEncoding = Encoding.UTF8 };
        start.ArgumentList.Add(typeof(ScaleCommand).Assembly.Location);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        using var peak = new PeakMemory(process);
        string? last = null;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            Console.WriteLine(line);
            if (line.StartsWith(arguments[0] + " ", StringComparison.Ordinal)) last = line;
        }
        await process.WaitForExitAsync();
        var figures = (last?[(arguments[0].Length + 1)..] ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        return new Outcome(name, provider, process.ExitCode, watch.Elapsed.TotalSeconds, peak.PeakMegabytes, figures);
    }

    /// <summary>A table of the steps, then <c>scale key=value …</c>: each figure of each step, named after the step and the database.</summary>
    static void Report(List<Outcome> outcomes)
    {
        var ci = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"{"step",-8} {"database",-11} {"exit",5} {"wall s",8} {"peak MB",8}  figures");
        foreach (var o in outcomes)
            Console.WriteLine(string.Create(ci, $"{o.Name,-8} {o.Provider,-11} {o.ExitCode,5} {o.Seconds,8:0.0} {o.PeakMegabytes,8:0}  {string.Join(' ', o.Figures.Select(f => $"{f.Key}={f.Value}"))}"));

        var line = new StringBuilder("scale");
        foreach (var o in outcomes)
        {
            // The load command names neither its database nor its step in its figures: both are added.
            var prefix = o.Name == "load" ? $"load_{o.Provider}_" : $"{o.Name}_";
            foreach (var (key, value) in o.Figures.Where(f => f.Key is not ("provider" or "duration_s")))
                line.Append(ci, $" {prefix}{key}={value}");
            line.Append(ci, $" {o.Name}_{o.Provider}_process_peak_mb={o.PeakMegabytes:0}");
        }
        Console.WriteLine();
        Console.WriteLine(line);
    }
}
