using ElBasar.Bench;
using ElBasar.Bench.Alerts;
using ElBasar.Bench.Generate;
using ElBasar.Bench.Impact;
using ElBasar.Bench.Import;
using ElBasar.Bench.Lending;
using ElBasar.Bench.Digest;
using ElBasar.Bench.Load;
using ElBasar.Bench.Pages;
using ElBasar.Bench.Scale;
using ElBasar.Bench.Search;

// The benchmark tools: a data generator, end-to-end timings of the import verbs and of search (README.md).
var command = args.FirstOrDefault()?.ToLowerInvariant();
try
{
    return command switch
    {
        "generate" => GenerateCommand.Run(CommandLine.Parse(args[1..], GenerateCommand.Flags)),
        "import" => await ImportBenchmark.RunAsync(CommandLine.Parse(args[1..], ImportBenchmark.Flags)),
        "search" => await SearchBenchmark.RunAsync(CommandLine.Parse(args[1..], SearchBenchmark.Flags)),
        "http" => await HttpBenchmark.RunAsync(CommandLine.Parse(args[1..], HttpBenchmark.Flags)),
        "alerts" => await AlertsBenchmark.RunAsync(CommandLine.Parse(args[1..], AlertsBenchmark.Flags)),
        "impact" => await ImpactBenchmark.RunAsync(CommandLine.Parse(args[1..], ImpactBenchmark.Flags)),
        "lending" => await LendingBenchmark.RunAsync(CommandLine.Parse(args[1..], LendingBenchmark.Flags)),
        "digest" => await DigestBenchmark.RunAsync(CommandLine.Parse(args[1..], DigestBenchmark.Flags)),
        "load" => await LoadBenchmark.RunAsync(CommandLine.Parse(args[1..], LoadBenchmark.Flags)),
        "pages" => await PagesBenchmark.RunAsync(CommandLine.Parse(args[1..], PagesBenchmark.Flags)),
        "scale" => await ScaleCommand.RunAsync(CommandLine.Parse(args[1..], ScaleCommand.Flags)),
        null or "help" or "--help" or "-h" => Usage(Console.Out, 0),
        _ => Usage(Console.Error, 2),
    };
}
catch (CommandLineException e)
{
    Console.Error.WriteLine(e.Message);
    return Usage(Console.Error, 2);
}

static int Usage(TextWriter writer, int code)
{
    writer.WriteLine(
        """
        Usage: ElBasar.Bench COMMAND [OPTIONS]

          generate --organizations N --listings M --out DIR [--seed S] [--now 2026-11-22T00:00:00Z] [--revision R]
              Writes DIR/organizations.jsonl and DIR/listings.jsonl (contracts/exchange-format.md).
              --revision 1 rewords a quarter of the listings of the same seed (same externalIds).

          import --listings-file F --organizations-file F [--update-listings-file F2]
                 [--provider sqlite|postgresql] [--connection CS] [--passes 2]
                 [--web PATH/ElBasar.Web.dll] [--keep] [--force]
              Times the web app's own `migrate` and `import` verbs against a fresh database (wiped
              first, removed afterwards unless --keep). Pass 2 and later import the same files
              again (all unchanged); F2, if given, is imported last (updates in place).

          search --provider sqlite|postgresql --connection CS [--queries 450] [--warmup 45] [--seed 42]
          search --all [--sizes 100k,1m] [--providers sqlite,postgresql] [--dir /tmp/elbasar-bench] [--postgres CS]
          search --tiny
              Times ListingSearch end to end over a seeded mix of queries (common words, several
              words, typos, synonyms, filters, radius, filters without text, sentences). --all
              generates and imports what is missing, then runs every size on every database;
              --tiny runs 300 listings on a throwaway SQLite file (CI).

          http --connection CS [--provider sqlite|postgresql] [--duration 30] [--connections 2]
               [--threads 2] [--port 5099] [--web PATH/ElBasar.Web.dll] [--script FILE]
              Starts the built web app on the database and runs wrk with the same mix over HTTP.

          alerts [--searches 100k] [--listings 2000] [--probes 300] [--warmup 30] [--providers sqlite,postgresql]
                 [--dir /tmp/elbasar-bench] [--postgres CS] [--seed 42]
          alerts --tiny
              Times matching one new listing against that many saved searches (AlertMatcher), on
              each database; the databases are prepared once and reused. --tiny: 2,000 saved
              searches on a throwaway SQLite file (CI).

          impact [--exchanges 1m] [--organizations 2000] [--probes 20] [--warmup 3] [--providers sqlite,postgresql]
                 [--dir /tmp/elbasar-bench] [--postgres CS] [--seed 42]
          impact --tiny
              Times the impact dashboard (ImpactReport: the figures and series of a period, then the
              links of the graph and the map) over that many exchanges, on each database, for a year,
              the last twelve months, a quarter and everything; the databases are prepared once and
              reused. --tiny: 5,000 exchanges on a throwaway SQLite file (CI).

          lending [--items 10k] [--organizations 2000] [--probes 200] [--warmup 20] [--borrowers 16]
                  [--providers sqlite,postgresql] [--dir /tmp/elbasar-bench] [--postgres CS] [--seed 42]
          lending --tiny
              Lendable items with a year of reservations, on each database: times an item's month
              calendar (LendingQueries.MonthAsync, as the item page) beside the same SQL run directly
              (the engine's time), then has many borrowers reserve one item at once through LoanDesk
              and exits 1 if a day ever holds more units than the item has. --tiny: 200 items on a
              throwaway SQLite file (CI).

          digest [--subscribers 100k] [--listings 2000] [--providers sqlite,postgresql]
                 [--dir /tmp/elbasar-bench] [--postgres CS] [--seed 42]
          digest --tiny
              Composes and queues the monthly digest for every subscriber, the way the sending job
              does (Newsletters, NewsletterJob: copies into the outbox, nothing sent); reports the
              seconds, the mails queued, the memory during the run and the engine's time of the
              subscribers' read; exits 1 if a subscriber is missed. --tiny: 2,000 subscribers on a
              throwaway SQLite file (CI).

          load --provider sqlite|postgresql --connection CS [--duration 60] [--connections 2,16] [--threads 2]
               [--port 5098] [--web PATH/ElBasar.Web.dll]
          load --tiny [--provider sqlite|postgresql] [--connection CS]
              Starts the built web app on the database and runs wrk with a mix of anonymous browsing
              and search and of a member publishing, writing and reserving through the API, for each
              number of connections; reports requests per second, p50/p99, errors and the peak resident
              memory, and exits 1 on any failed request. --tiny: 5 s on a throwaway database filled with
              the demo network (CI).

          pages --provider sqlite|postgresql --connection CS [--probes 300] [--warmup 30]
          pages --tiny [--provider sqlite|postgresql] [--connection CS]
              Server time of the home page, a listing page and an organisation page through the whole
              pipeline in-process, with the time their EF Core commands spent in the database beside it
              (p50, p95, commands per page). --tiny: the demo network on a throwaway database (CI).

          scale [--providers sqlite,postgresql] [--organizations 100000] [--listings 1000000] [--searches 100k]
                [--exchanges 1m] [--items 10k] [--subscribers 100k] [--load-duration 60] [--dir /tmp/elbasar-bench]
                [--postgres CS] [--reuse]
          scale --tiny
              Every scenario of the national-scale table on each database, each command in its own process:
              generate and import the network (skipped with --reuse: the database of a previous run), then
              search, pages, alerts, impact, lending, digest and load; a table with each step's exit code,
              time and peak memory, and a last line `scale key=value …` with every figure. --tiny: each
              command's --tiny (CI).
        """);
    return code;
}
