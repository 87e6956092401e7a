using System.Diagnostics;
using ElBasar.Web.Infrastructure.Data;

namespace ElBasar.Web.Features.Import;

/// <summary>
/// <c>import organizations FILE</c> and <c>import listings FILE</c>: exit 0 once the file was read,
/// even with rejected lines; non-zero when it could not be read (contracts/interfaces.md).
/// </summary>
public static class ImportCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        if (args.Length != 2 || args[0] is not ("organizations" or "listings"))
        {
            await errors.WriteLineAsync("Utilisation : import organizations FICHIER | import listings FICHIER");
            return 2;
        }
        var (what, path) = (args[0], args[1]);
        FileStream file;
        try
        {
            file = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await errors.WriteLineAsync($"Impossible de lire « {path} » : {e.Message}");
            return 1;
        }

        await using (file)
        {
            await DatabaseStartup.RunAsync(services, serving: false, CancellationToken.None);
            await using var scope = services.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<Importer>();
            var watch = Stopwatch.StartNew();
            var progress = new Progress(errors, watch);
            var report = what == "organizations"
                ? await importer.ImportOrganizationsAsync(file, progress)
                : await importer.ImportListingsAsync(file, progress);
            progress.Done();

            foreach (var rejected in report.Rejected.OrderBy(r => r.Line))
                await output.WriteLineAsync($"ligne {rejected.Line} rejetée : {rejected.Reason}");
            var noun = what == "organizations" ? "organisations" : "annonces";
            await output.WriteLineAsync(
                $"{noun} : {report.Taken} prises ({report.Created} créées, {report.Updated} mises à jour, {report.Unchanged} inchangées), " +
                $"{report.Rejected.Count} rejetées, en {watch.Elapsed.TotalSeconds:0.0} s.");
            return 0;
        }
    }

    /// <summary>Lines read so far, on the error stream, at most a few times a second.</summary>
    sealed class Progress(TextWriter writer, Stopwatch watch) : IProgress<int>
    {
        TimeSpan _last = TimeSpan.Zero;
        bool _shown;

        public void Report(int value)
        {
            if (watch.Elapsed - _last < TimeSpan.FromMilliseconds(500)) return;
            _last = watch.Elapsed;
            _shown = true;
            writer.Write($"\r{value:N0} lignes lues…");
        }

        public void Done()
        {
            if (_shown) writer.WriteLine();
        }
    }
}
