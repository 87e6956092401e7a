using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Import;
using ElBasar.Web.Features.Search;

namespace ElBasar.Tests.Features.Search;

/// <summary>
/// The visible relevance benchmark (../shared/search-bench, beside the repository) scored the
/// way its evaluate.py scores a server, on each database: it must stay above the targets.
/// </summary>
public sealed class SearchBenchmarkTests
{
    const int K = 10;

    sealed record BenchQuery(string Id, string Q, Dictionary<string, JsonElement> Params, List<string> Relevant, List<string> Tags);

    static string? FindBenchmark()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "search-bench");
            if (File.Exists(Path.Combine(candidate, "queries.jsonl"))) return candidate;
        }
        return null;
    }

    [SkippableTheory, BothDatabases]
    public async Task The_visible_benchmark_meets_its_targets(string provider)
    {
        var folder = FindBenchmark();
        Skip.If(folder is null, "The search benchmark (shared/search-bench beside the repository) is not here.");
        await using var app = await TestApp.StartAsync(provider);
        foreach (var what in new[] { "organizations", "listings" })
        {
            var output = new StringWriter();
            Assert.Equal(0, await ImportCommand.RunAsync(app.Services, [what, Path.Combine(folder!, $"{what}.jsonl")], output, TextWriter.Null));
            Assert.Contains(" 0 rejetées", output.ToString());
        }

        var client = app.CreateClient();
        var scores = new List<(BenchQuery Query, double Recall, double Ndcg, double Top1)>();
        foreach (var line in File.ReadLines(Path.Combine(folder!, "queries.jsonl")).Where(l => l.Trim().Length > 0))
        {
            var query = JsonSerializer.Deserialize<BenchQuery>(line, JsonSerializerOptions.Web)!;
            var page = await client.GetFromJsonAsync<ListingPage>($"/api/v1/listings?{QueryString(query)}");
            var returned = page!.Items.Select(i => i.ExternalId).Take(K).ToList();
            scores.Add((query, Recall(returned, query.Relevant), Ndcg(returned, query.Relevant), returned.Count > 0 && query.Relevant.Contains(returned[0]!) ? 1 : 0));
        }

        var report = string.Join("\n", scores.SelectMany(s => s.Query.Tags).Distinct().Order()
            .Select(tag => (Tag: tag, Recall: scores.Where(s => s.Query.Tags.Contains(tag)).Average(s => s.Recall)))
            .Select(t => $"{t.Tag}: recall@10={t.Recall:0.000}"));
        var (recall, ndcg, top1) = (scores.Average(s => s.Recall), scores.Average(s => s.Ndcg), scores.Average(s => s.Top1));
        var summary = $"recall@10={recall:0.000} ndcg@10={ndcg:0.000} top1={top1:0.000}\n{report}";
        Assert.True(recall >= 0.92, summary);
        Assert.True(ndcg >= 0.85, summary);
        Assert.True(top1 >= 0.85, summary);
        Assert.DoesNotContain(scores.SelectMany(s => s.Query.Tags).Distinct(),
            tag => scores.Where(s => s.Query.Tags.Contains(tag)).Average(s => s.Recall) < 0.80);
    }

    static string QueryString(BenchQuery query)
    {
        var parts = new List<string> { $"q={Uri.EscapeDataString(query.Q)}", $"pageSize={K}" };
        foreach (var (name, value) in query.Params)
        {
            var values = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
            parts.AddRange(values.Select(v => $"{name}={Uri.EscapeDataString(v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())}"));
        }
        return string.Join('&', parts);
    }

    static double Recall(List<string?> returned, List<string> relevant) =>
        relevant.Count == 0 ? 0 : returned.Count(relevant.Contains!) / (double)Math.Min(K, relevant.Count);

    static double Ndcg(List<string?> returned, List<string> relevant)
    {
        if (relevant.Count == 0) return 0;
        var dcg = returned.Select((id, i) => relevant.Contains(id!) ? 1 / Math.Log2(i + 2) : 0).Sum();
        var ideal = Enumerable.Range(0, Math.Min(K, relevant.Count)).Sum(i => 1 / Math.Log2(i + 2));
        return dcg / ideal;
    }
}
