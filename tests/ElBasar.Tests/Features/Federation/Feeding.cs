using System.Text.Json;
using ElBasar.Tests.Support;

namespace ElBasar.Tests.Features.Federation;

/// <summary>The feed tests' shared moves: reading a feed page by page, as a partner installation does.</summary>
static class Feeding
{
    public sealed record Page(IReadOnlyList<JsonElement> Lines, string Cursor, bool More);

    public static async Task<Page> ReadPageAsync(HttpClient client, string path, string? since, int? limit = null)
    {
        var query = new List<string>();
        if (since is not null) query.Add($"since={Uri.EscapeDataString(since)}");
        if (limit is not null) query.Add($"limit={limit}");
        var response = await client.GetAsync(query.Count == 0 ? path : $"{path}?{string.Join('&', query)}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        return new Page(lines, response.Headers.GetValues("Feed-Cursor").Single(), response.Headers.GetValues("Feed-More").Single() == "true");
    }

    /// <summary>
    /// Reads from <paramref name="since"/> until the feed says nothing more, keeping each record's last
    /// line. PostgreSQL holds back changes while an older transaction of the server still runs (the
    /// feed's safe point), so the reading goes on until <paramref name="expected"/> ids are all seen.
    /// </summary>
    public static async Task<(Dictionary<string, JsonElement> Records, string Cursor, int Pages)> CatchUpAsync(
        HttpClient client, string path, string? since, IReadOnlyCollection<string> expected, int? limit = null)
    {
        var records = new Dictionary<string, JsonElement>();
        var cursor = since;
        var pages = 0;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var page = await ReadPageAsync(client, path, cursor, limit);
            pages++;
            if (limit is { } max) Assert.True(page.Lines.Count <= max, $"{page.Lines.Count} lines in a page of {max}");
            foreach (var line in page.Lines) records[line.GetProperty("externalId").GetString()!] = line;
            cursor = page.Cursor;
            if (page.More) continue;
            if (expected.All(records.ContainsKey) || DateTime.UtcNow > deadline) return (records, cursor!, pages);
            await Task.Delay(200);
        }
    }

    public static string Op(this JsonElement line) => line.GetProperty("op").GetString()!;
}
