using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ElBasar.Bench.Import;

/// <summary>
/// <c>import</c>: times the web app's own <c>migrate</c> and <c>import</c> verbs, each in its own
/// process exactly as an administrator runs them, against a database wiped first. Pass 1 creates
/// every record; later passes import the same files again and must find them all unchanged; an
/// optional revised listings file (generate --revision 1) then times real updates in place.
/// </summary>
static partial class ImportBenchmark
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal) { "keep", "force" };

    /// <summary>CpuSeconds: user + system time of the child, which a busy machine does not inflate as it does wall time.</summary>
    sealed record Step(string Name, double WallSeconds, double? CpuSeconds, VerbSummary? Summary);

    /// <summary>The verb's own last line: "annonces : 100000 prises (100000 créées, 0 mises à jour, 0 inchangées), 0 rejetées, en 41.3 s."</summary>
    sealed record VerbSummary(int Taken, int Created, int Updated, int? Unchanged, int Rejected, double Seconds);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var listingsFile = Path.GetFullPath(options.Required("listings-file"));
        var organizationsFile = Path.GetFullPath(options.Required("organizations-file"));
        var updateFile = options.String("update-listings-file") is { } u ? Path.GetFullPath(u) : null;
        var provider = (options.String("provider") ?? "sqlite").ToLowerInvariant();
        var connection = options.String("connection");
        var passes = (int)options.Integer("passes", fallback: 2, min: 1);
        var web = options.String("web");
        var keep = options.Flag("keep");
        var force = options.Flag("force");
        options.EnsureAllUsed();

        if (provider is not ("sqlite" or "postgresql"))
            throw new CommandLineException($"--provider must be sqlite or postgresql, not '{provider}'.");
        foreach (var file in new[] { listingsFile, organizationsFile, updateFile }.OfType<string>())
            if (!File.Exists(file)) throw new CommandLineException($"File not found: {file}");
        var webDll = web is null ? FindWebDll() : Path.GetFullPath(web);
        if (!File.Exists(webDll))
            throw new CommandLineException($"{webDll} not found: build it first (dotnet build -c Release src/ElBasar.Web) or pass --web.");

        IBenchDatabase database = provider == "sqlite"
            ? new SqliteBenchDatabase(connection ?? $"Data Source={Path.Combine(Path.GetTempPath(), "elbasar-bench", "import.db")}")
            : new PostgresBenchDatabase(connection ?? throw new CommandLineException("--provider postgresql needs --connection."));
        if (!force && !database.Name.Contains("bench", StringComparison.OrdinalIgnoreCase))
            throw new CommandLineException($"Refusing to wipe '{database.Name}': its name does not contain 'bench' (use --force).");

        var listingCount = CountLines(listingsFile);
        Console.WriteLine($"web app   {webDll}");
        Console.WriteLine($"database  {provider}: {database.Describe()}");
        Console.WriteLine($"files     {organizationsFile} ({CountLines(organizationsFile):N0} lines), {listingsFile} ({listingCount:N0} lines)");
        await database.ResetAsync();

        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = provider,
            ["ConnectionStrings__ElBasar"] = database.ConnectionString,
            ["Demo__Seed"] = "false",
        };
        var steps = new List<Step>();
        try
        {
            steps.Add(await RunVerbAsync(webDll, environment, "migrate", ["migrate"]));
            for (var pass = 1; pass <= passes; pass++)
            {
                steps.Add(await RunVerbAsync(webDll, environment, $"pass {pass} organizations", ["import", "organizations", organizationsFile]));
                steps.Add(await RunVerbAsync(webDll, environment, $"pass {pass} listings", ["import", "listings", listingsFile]));
            }
            if (updateFile is not null)
                steps.Add(await RunVerbAsync(webDll, environment, "update listings", ["import", "listings", updateFile]));
            var size = await database.SizeAsync();
            Report(steps, provider, listingCount, size);
        }
        finally
        {
            if (keep) Console.WriteLine($"kept      {database.Describe()}");
            else await database.DropAsync();
        }
        return 0;
    }

    static async Task<Step> RunVerbAsync(string webDll, Dictionary<string, string> environment, string name, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = false,   // progress ("12 000 lignes lues…") goes straight to the terminal
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(webDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;

        Console.WriteLine($"--- {name}: dotnet {Path.GetFileName(webDll)} {string.Join(' ', arguments.Select(Quote))}");
        var cpuBefore = ChildrenCpu.Seconds();
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var lines = new List<string>();
        while (await process.StandardOutput.ReadLineAsync() is { } line) lines.Add(line);
        await process.WaitForExitAsync();
        watch.Stop();
        var cpu = ChildrenCpu.Seconds() - cpuBefore;

        var rejected = lines.Where(l => l.StartsWith("ligne ", StringComparison.Ordinal)).ToList();
        foreach (var line in rejected.Take(5)) Console.WriteLine($"    {line}");
        if (rejected.Count > 5) Console.WriteLine($"    … and {rejected.Count - 5} more rejected lines");
        foreach (var line in lines.Except(rejected)) Console.WriteLine($"    {line}");
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{name}' exited with code {process.ExitCode}.");
        var summary = lines.Select(ParseSummary).LastOrDefault(s => s is not null);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    wall {watch.Elapsed.TotalSeconds:0.00} s, cpu {cpu:0.00} s"));
        return new Step(name, watch.Elapsed.TotalSeconds, cpu, summary);
    }

    static string Quote(string argument) => argument.Contains(' ') ? $"\"{argument}\"" : argument;

    [GeneratedRegex(@"(\d+) prises \((\d+) créées, (\d+) mises à jour(?:, (\d+) inchangées)?\), (\d+) rejetées, en ([\d.,]+) s")]
    private static partial Regex SummaryPattern();

    static VerbSummary? ParseSummary(string line)
    {
        var match = SummaryPattern().Match(line);
        if (!match.Success) return null;
        int At(int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        var seconds = double.Parse(match.Groups[6].Value.Replace(',', '.'), CultureInfo.InvariantCulture);
        return new VerbSummary(At(1), At(2), At(3), match.Groups[4].Success ? At(4) : null, At(5), seconds);
    }

    static void Report(List<Step> steps, string provider, long listingCount, long? databaseBytes)
    {
        var ci = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"{"step",-24} {"wall s",8} {"cpu s",8} {"verb s",8} {"created",9} {"updated",9} {"unchanged",9} {"rejected",9} {"rows/s",9}");
        foreach (var step in steps)
        {
            var s = step.Summary;
            var rate = s is null ? "" : (s.Taken / step.WallSeconds).ToString("0", ci);
            Console.WriteLine(string.Create(ci,
                $"{step.Name,-24} {step.WallSeconds,8:0.00} {step.CpuSeconds,8:0.00} {(s is null ? "" : s.Seconds.ToString("0.0", ci)),8} {s?.Created,9} {s?.Updated,9} {s?.Unchanged,9} {s?.Rejected,9} {rate,9}"));
        }
        if (databaseBytes is { } bytes)
            Console.WriteLine(string.Create(ci, $"database size after the last pass: {bytes / 1048576.0:0.0} MiB"));

        var label = SizeLabel(listingCount);
        var first = steps.First(s => s.Name == "pass 1 listings");
        var line = new StringBuilder("import ");
        line.Append(ci, $"seconds_{provider}_{label}={first.WallSeconds:0.0} ");
        line.Append(ci, $"listings_per_second={(first.Summary?.Taken ?? 0) / first.WallSeconds:0}");
        if (steps.FirstOrDefault(s => s.Name == "pass 2 listings") is { } again)
            line.Append(ci, $" reimport_seconds_{provider}_{label}={again.WallSeconds:0.0} reimport_unchanged={again.Summary?.Unchanged}");
        if (steps.FirstOrDefault(s => s.Name == "update listings") is { } update)
            line.Append(ci, $" update_seconds_{provider}_{label}={update.WallSeconds:0.0} updated={update.Summary?.Updated}");
        Console.WriteLine(line);
    }

    // 100000 -> "100k", 1000000 -> "1m": the size in the metric's name, as in seconds_sqlite_100k.
    internal static string SizeLabel(long count) => count switch
    {
        >= 1_000_000 when count % 1_000_000 == 0 => $"{count / 1_000_000}m",
        >= 1_000 when count % 1_000 == 0 => $"{count / 1_000}k",
        _ => count.ToString(CultureInfo.InvariantCulture),
    };

    internal static long CountLines(string path)
    {
        using var file = File.OpenRead(path);
        var buffer = new byte[1 << 20];
        long lines = 0;
        var last = (byte)'\n';
        int read;
        while ((read = file.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            last = buffer[read - 1];
        }
        return last == '\n' ? lines : lines + 1;
    }

    // bench/ElBasar.Bench/bin/... or the repository root: walk up to ElBasar.slnx. The web app of the
    // bench's own build (Release for figures; CI's tiny runs take the Debug build its tests made).
    internal static string FindWebDll()
    {
        var configuration = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyConfigurationAttribute>(typeof(ImportBenchmark).Assembly)?.Configuration ?? "Release";
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ElBasar.slnx")))
                    return Path.Combine(dir.FullName, "src", "ElBasar.Web", "bin", configuration, "net10.0", "ElBasar.Web.dll");
            }
        }
        throw new CommandLineException("Cannot find the repository (ElBasar.slnx) from here: pass --web PATH/ElBasar.Web.dll.");
    }
}

/// <summary>A database the benchmark may wipe: created empty before, removed after.</summary>
interface IBenchDatabase
{
    string Name { get; }
    string ConnectionString { get; }
    string Describe();
    Task ResetAsync();
    Task<long?> SizeAsync();
    Task DropAsync();
}

sealed class SqliteBenchDatabase : IBenchDatabase
{
    readonly string _path;

    public SqliteBenchDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:")
            throw new CommandLineException("The SQLite connection string needs a file (Data Source=/tmp/...db).");
        _path = Path.GetFullPath(builder.DataSource);
        builder.DataSource = _path;
        ConnectionString = builder.ToString();
    }

    public string Name => Path.GetFileName(_path);
    public string ConnectionString { get; }
    public string Describe() => _path;

    IEnumerable<string> Files => new[] { "", "-wal", "-shm", "-journal" }.Select(suffix => _path + suffix);

    public Task ResetAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        foreach (var file in Files) File.Delete(file);
        return Task.CompletedTask;
    }

    public Task<long?> SizeAsync() => Task.FromResult<long?>(Files.Where(File.Exists).Sum(f => new FileInfo(f).Length));

    public Task DropAsync() => ResetAsync();
}

sealed class PostgresBenchDatabase : IBenchDatabase
{
    readonly NpgsqlConnectionStringBuilder _builder;

    public PostgresBenchDatabase(string connectionString)
    {
        _builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(_builder.Database))
            throw new CommandLineException("The PostgreSQL connection string needs a Database=...");
        ConnectionString = _builder.ConnectionString;
    }

    public string Name => _builder.Database!;
    public string ConnectionString { get; }
    public string Describe() => $"{_builder.Host}:{_builder.Port}/{_builder.Database}";

    string Quoted => "\"" + Name.Replace("\"", "\"\"") + "\"";

    async Task ExecuteOnServerAsync(string sql)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task ResetAsync()
    {
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {Quoted} WITH (FORCE)");
        await ExecuteOnServerAsync($"CREATE DATABASE {Quoted}");
    }

    public async Task<long?> SizeAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public Task DropAsync() => ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {Quoted} WITH (FORCE)");
}

/// <summary>
/// CPU time of the children this process has waited for (getrusage RUSAGE_CHILDREN, Linux and
/// macOS); null elsewhere. Process.TotalProcessorTime is gone once a child has exited.
/// </summary>
static class ChildrenCpu
{
    // struct rusage on 64-bit: two timevals, then 14 longs this code does not read.
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    struct RUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
    }

    const int RUsageChildren = -1;

    [DllImport("libc", EntryPoint = "getrusage")]
    static extern int GetRUsage(int who, out RUsage usage);

    public static double? Seconds()
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())) return null;
        if (GetRUsage(RUsageChildren, out var usage) != 0) return null;
        return usage.UserSeconds + usage.SystemSeconds + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1e6;
    }
}
