using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ElBasar.Web.Features.Listings;

namespace ElBasar.Bench.Generate;

/// <summary>
/// <c>generate</c>: a synthetic network in the exchange format. Listings are made in chunks on
/// every core and written in order, streamed: memory stays flat whatever the count.
/// </summary>
static class GenerateCommand
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string>();

    const int ChunkSize = 4096;

    static readonly JsonWriterOptions WriterOptions = new()
    {
        // UTF-8 as is ("é", not "\u00e9"): files read like the ones networks send.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    public static int Run(CommandLine options)
    {
        var organizationCount = options.Integer("organizations", min: 1);
        var listingCount = options.Integer("listings", min: 0);
        var outDir = options.Required("out");
        var seed = (ulong)options.Integer("seed", fallback: 1);
        var nowText = options.String("now");
        var revision = (int)options.Integer("revision", fallback: 0);
        options.EnsureAllUsed();
        // Dates are relative to "now": without --now, today at midnight UTC, so a run's output is
        // the same all day long; pass --now for files that are identical byte for byte on any date.
        var now = nowText is null
            ? DateTime.UtcNow.Date
            : DateTimeOffset.Parse(nowText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime;

        var watch = Stopwatch.StartNew();
        var catalogue = new Catalogue(Taxonomy.LoadEmbedded());
        var generator = new NetworkGenerator(catalogue, new Lexicon(), new TemplateBook(), seed, now, revision);
        Directory.CreateDirectory(outDir);

        var organizationsPath = Path.Combine(outDir, "organizations.jsonl");
        var organizations = new List<NetworkGenerator.OrganizationSeed>((int)organizationCount);
        using (var file = Open(organizationsPath))
        {
            var buffer = new ArrayBufferWriter<byte>(1 << 16);
            using var writer = new Utf8JsonWriter(buffer, WriterOptions);
            for (long i = 0; i < organizationCount; i++)
            {
                writer.Reset(buffer);
                organizations.Add(generator.WriteOrganization(writer, i, organizationCount));
                writer.Flush();
                buffer.Write("\n"u8);
                if (buffer.WrittenCount > 1 << 20)
                {
                    file.Write(buffer.WrittenSpan);
                    buffer.ResetWrittenCount();
                }
            }
            file.Write(buffer.WrittenSpan);
        }
        var organizationsSeconds = watch.Elapsed.TotalSeconds;

        // A few organisations post most listings (Zipf over a seeded shuffle of them).
        var order = Enumerable.Range(0, organizations.Count).ToArray();
        var shuffle = new Rng(seed, 3, 0);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = shuffle.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var posters = WeightedTable.Zipf(organizations.Count, 0.8);

        var listingsPath = Path.Combine(outDir, "listings.jsonl");
        using (var file = Open(listingsPath))
        {
            var chunks = (listingCount + ChunkSize - 1) / ChunkSize;
            var window = Math.Max(2, Environment.ProcessorCount * 2);
            var results = new ArrayBufferWriter<byte>[window];
            for (var i = 0; i < window; i++) results[i] = new ArrayBufferWriter<byte>(ChunkSize * 700);
            for (long first = 0; first < chunks; first += window)
            {
                var count = (int)Math.Min(window, chunks - first);
                var batchFirst = first;
                Parallel.For(0, count, slot =>
                {
                    var chunk = batchFirst + slot;
                    var buffer = results[slot];
                    buffer.ResetWrittenCount();
                    var rng = new Rng(seed, 2, (ulong)chunk);
                    var work = new NetworkGenerator.Workspace();
                    using var writer = new Utf8JsonWriter(buffer, WriterOptions);
                    var end = Math.Min(listingCount, (chunk + 1) * ChunkSize);
                    for (var index = chunk * ChunkSize; index < end; index++)
                    {
                        writer.Reset(buffer);
                        generator.WriteListing(writer, rng, index, listingCount, organizations, posters, order, work);
                        writer.Flush();
                        buffer.Write("\n"u8);
                    }
                });
                // In order, so the file does not depend on which thread finished first.
                for (var slot = 0; slot < count; slot++) file.Write(results[slot].WrittenSpan);
                if (!Console.IsErrorRedirected && first % (window * 8) == 0)
                    Console.Error.Write($"\r{Math.Min(listingCount, (first + count) * ChunkSize):N0} annonces…");
            }
            if (!Console.IsErrorRedirected) Console.Error.Write("\r");
        }
        watch.Stop();

        var listingsBytes = new FileInfo(listingsPath).Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"""
            {organizationCount:N0} organisations -> {organizationsPath} ({new FileInfo(organizationsPath).Length / 1024.0:N0} KiB, {organizationsSeconds:0.00} s)
            {listingCount:N0} listings -> {listingsPath} ({listingsBytes / 1048576.0:N1} MiB)
            seed {seed}, revision {revision}, now {now:yyyy-MM-ddTHH:mm:ssZ}, {watch.Elapsed.TotalSeconds:0.00} s in all, {listingCount / Math.Max(watch.Elapsed.TotalSeconds - organizationsSeconds, 1e-6):N0} listings/s
            """));
        return 0;
    }

    static FileStream Open(string path) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
}
