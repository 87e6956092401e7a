using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ElBasar.Tests.Features.Directory;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;

namespace ElBasar.Tests.Infrastructure.Web;

/// <summary>
/// The hostile corpus goes through every text, number and date field of the API's writes and every
/// parameter of its reads, one field at a time, the others valid: never a 5xx; a refusal is
/// problem+json naming the field; nothing is echoed unencoded.
/// </summary>
public sealed class HostileInputTests
{
    const string Placeholder = "__HOSTILE__";

    sealed record Setup(HttpClient Api, Guid Mine, Guid Other, Guid ListingId, Guid ItemId, Guid EventId);

    static async Task<Setup> SetUpAsync(TestApp app)
    {
        var mine = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var other = await new OrganizationBuilder().Named("Ressourcerie d'Arras").SaveAsync(app);
        var listing = await new ListingBuilder(other).Titled("Tonnelle à prêter").SaveAsync(app);
        var userId = await SignedIn.CreateUserAsync(app, "animation@example.org", "Nadia Animatrice", SiteRoles.Facilitator);
        await SignedIn.AddAsync(app, mine.Id, userId, OrganizationRole.Owner);
        var token = new StringWriter();
        Assert.Equal(0, await TokensCommand.RunAsync(app.Services, ["create", "--email", "animation@example.org"], token, TextWriter.Null));
        var api = app.WithToken(token.ToString().Trim());

        var item = await api.PostAsync("/api/v1/items", Json(new() { ["organizationId"] = mine.Id, ["title"] = "Perceuse", ["description"] = "Avec sa mallette." }));
        Assert.True(item.StatusCode == HttpStatusCode.Created, await item.Content.ReadAsStringAsync());
        var ev = await api.PostAsync("/api/v1/events", Json(EventBody(mine.Id)));
        Assert.True(ev.StatusCode == HttpStatusCode.Created, await ev.Content.ReadAsStringAsync());
        return new Setup(api, mine.Id, other.Id, listing.Id, await IdAsync(item), await IdAsync(ev));
    }

    static async Task<Guid> IdAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

    static StringContent Json(Dictionary<string, object?> body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    static Dictionary<string, object?> EventBody(Guid host) => new()
    {
        ["title"] = "Apéro chez Roue Libre", ["kind"] = "apero", ["description"] = "Visite de l'atelier, puis apéro.",
        ["startsAt"] = "2026-12-03T18:30:00+01:00", ["endsAt"] = "2026-12-03T20:30:00+01:00", ["place"] = "12 rue des Jardins, 62000 Arras",
        ["hostOrganizationId"] = host, ["capacity"] = 20, ["audience"] = "everyone", ["latitude"] = 50.29, ["longitude"] = 2.78,
    };

    /// <summary>A write of the API: its valid body, and which fields take text, numbers and dates.</summary>
    sealed record Write(string Path, Dictionary<string, object?> Body, string[] Texts, string[] Numbers, string[] Dates);

    static IEnumerable<Write> Writes(Setup s) =>
    [
        new("/api/v1/listings", new()
        {
            ["organizationId"] = s.Mine, ["kind"] = "offer", ["title"] = "Prêt d'une tonnelle", ["description"] = "À venir chercher.",
            ["category"] = "equipment", ["exchangeModes"] = new[] { "loan" }, ["communeInsee"] = "59350", ["latitude"] = 50.63, ["longitude"] = 3.06,
        }, ["title", "description", "kind", "category", "communeInsee", "organizationId"], ["price", "latitude", "longitude"], ["expiresAt"]),
        new("/api/v1/exchanges", new()
        {
            ["asOrganizationId"] = s.Mine, ["counterpartOrganizationId"] = s.Other, ["mode"] = "help", ["date"] = "2026-11-02",
            ["description"] = "Coup de main pour l'inventaire", ["hours"] = 4.5, ["estimatedValueEur"] = 90,
        }, ["description", "mode", "counterpartOrganizationId"], ["hours", "estimatedValueEur"], ["date"]),
        new("/api/v1/events", EventBody(s.Mine), ["title", "description", "place", "kind", "audience"], ["capacity", "latitude", "longitude"], ["startsAt", "endsAt"]),
        new($"/api/v1/events/{s.EventId}/registrations", new() { ["asOrganizationId"] = s.Mine }, ["asOrganizationId"], [], []),
        new("/api/v1/me/saved-searches", new() { ["name"] = "Vélos", ["query"] = new Dictionary<string, object?> { ["q"] = "vélo" }, ["frequency"] = "daily" },
            ["name", "frequency", "query.q", "query.kind", "query.category"], ["query.radiusKm", "query.pageSize"], []),
        new("/api/v1/items", new() { ["organizationId"] = s.Mine, ["title"] = "Scie sauteuse", ["description"] = "Lames fournies.", ["depositEur"] = 50 },
            ["title", "description", "category"], ["depositEur", "quantity", "feeEur"], []),
        new($"/api/v1/items/{s.ItemId}/reservations", new() { ["from"] = "2026-12-10", ["to"] = "2026-12-11", ["asOrganizationId"] = s.Mine }, [], [], ["from", "to"]),
        new("/api/v1/conversations", new() { ["listingId"] = s.ListingId, ["message"] = "Bonjour, est-elle libre samedi ?" }, ["message"], [], []),
    ];

    /// <summary>The body with <paramref name="field"/> (a dotted path) set to the placeholder.</summary>
    static string WithPlaceholder(Dictionary<string, object?> body, string field)
    {
        var copy = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(body))!
            .ToDictionary(p => p.Key, p => (object?)p.Value);
        var parts = field.Split('.');
        if (parts.Length == 1) copy[field] = Placeholder;
        else
        {
            var inner = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(copy[parts[0]]))!
                .ToDictionary(p => p.Key, p => (object?)p.Value);
            inner[parts[1]] = Placeholder;
            copy[parts[0]] = inner;
        }
        return JsonSerializer.Serialize(copy);
    }

    static ByteArrayContent Raw(string template, byte[] valueToken)
    {
        var at = template.IndexOf($"\"{Placeholder}\"", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(template[..at]).Concat(valueToken).Concat(Encoding.UTF8.GetBytes(template[(at + Placeholder.Length + 2)..])).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    static readonly Encoding Utf8 = new UTF8Encoding(false);

    [SkippableTheory, BothDatabases]
    public async Task Every_write_of_the_api_takes_the_hostile_corpus_in_each_field_without_a_500(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var s = await SetUpAsync(app);
        var failures = new List<string>();

        foreach (var write in Writes(s))
        {
            foreach (var field in write.Texts)
            {
                var template = WithPlaceholder(write.Body, field);
                foreach (var value in HostileInput.Texts)
                    await CheckAsync(failures, s.Api, write.Path, field, [.. write.Body.Keys], value.Name, Raw(template, Utf8.GetBytes(JsonSerializer.Serialize(value.Value))));
                await CheckAsync(failures, s.Api, write.Path, field, [.. write.Body.Keys], "escaped-lone-surrogate", Raw(template, Utf8.GetBytes("\"a\\ud800b\"")), namesField: false);
                foreach (var (name, bytes) in HostileInput.InvalidUtf8)
                    await CheckAsync(failures, s.Api, write.Path, field, [.. write.Body.Keys], name, Raw(template, [(byte)'"', .. bytes, (byte)'"']), namesField: false);
            }
            foreach (var field in write.Numbers)
            {
                var template = WithPlaceholder(write.Body, field);
                foreach (var value in HostileInput.JsonNumbers)
                    await CheckAsync(failures, s.Api, write.Path, field, [.. write.Body.Keys], value.Name, Raw(template, Utf8.GetBytes(value.Value)),
                        namesField: value.Name != "nan-bare");
            }
            foreach (var field in write.Dates)
            {
                var template = WithPlaceholder(write.Body, field);
                foreach (var value in HostileInput.Dates)
                    await CheckAsync(failures, s.Api, write.Path, field, [.. write.Body.Keys], value.Name, Raw(template, Utf8.GetBytes(JsonSerializer.Serialize(value.Value))));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    static async Task CheckAsync(List<string> failures, HttpClient client, string path, string field, string[] fields, string caseName,
        HttpContent content, bool namesField = true)
    {
        var response = await client.PostAsync(path, content);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var where = $"POST {path} {field}={caseName}: {status}";
        if (status >= 500) { failures.Add($"{where} {Truncate(body)}"); return; }
        if (!IsJson(response) && HostileInput.EchoesRawMarkup(body)) failures.Add($"{where} echoes raw markup");
        if (status != 400) return;
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") { failures.Add($"{where} not problem+json"); return; }
        if (!namesField) return;
        if (!NamesOneOf(body, [field, .. fields])) failures.Add($"{where} does not name the field: {Truncate(body)}");
    }

    /// <summary>JSON is data, encoded as JSON: markup in it is only a string (and the site sends nosniff).</summary>
    static bool IsJson(HttpResponseMessage response) => response.Content.Headers.ContentType?.MediaType is "application/json" or "application/problem+json";

    /// <summary>
    /// The problem's <c>errors</c> names the field, or (a rule between fields, such as an end before its
    /// start) another field of the same request; never nothing.
    /// </summary>
    static bool NamesOneOf(string body, IEnumerable<string> fields)
    {
        using var problem = JsonDocument.Parse(body);
        if (!problem.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object) return false;
        var known = fields.SelectMany(f => new[] { f, f.Split('.')[^1] }).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var names = errors.EnumerateObject().Select(e => e.Name).ToList();
        return names.Count > 0 && names.All(known.Contains);
    }

    static string Truncate(string text) => text.Length > 400 ? text[..400] + "…" : text;

    /// <summary>A read of the API and the parameters it takes.</summary>
    static IEnumerable<(string Path, string Valid, string[] Parameters)> Reads(Setup s) =>
    [
        ("/api/v1/listings", "", ["q", "kind", "category", "mode", "market", "page", "pageSize"]),
        ("/api/v1/listings", "lat=50.63&lon=3.06&radiusKm=10", ["lat", "lon", "radiusKm"]),
        ("/api/v1/suggestions", "", ["q"]),
        ("/api/v1/organizations", "", ["q", "page", "pageSize"]),
        ("/api/v1/cooperations", "", ["q", "kind", "sector", "territory", "status"]),
        ("/api/v1/resources", "", ["q", "page", "pageSize"]),
        ("/api/v1/events", "", ["past"]),
        ("/api/v1/items", "", ["q", "page", "pageSize"]),
        ($"/api/v1/items/{s.ItemId}/availability", "from=2026-12-01&to=2026-12-31", ["from", "to"]),
        ("/api/v1/impact", "from=2026-01-01&to=2026-12-31", ["from", "to"]),
        ("/api/v1/newsletter/preview", "month=2026-11", ["month"]),
    ];

    [SkippableTheory, BothDatabases]
    public async Task Every_read_of_the_api_takes_the_hostile_corpus_in_each_parameter_without_a_500(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var s = await SetUpAsync(app);
        var failures = new List<string>();
        var values = HostileInput.Texts.Concat(HostileInput.Numbers).Concat(HostileInput.Dates).Select(v => (v.Name, Query: Uri.EscapeDataString(v.Value)))
            .Concat(HostileInput.InvalidUtf8.Select(b => (b.Name, Query: HostileInput.PercentEncoded(b.Bytes))))
            .ToList();

        foreach (var (path, valid, parameters) in Reads(s))
            foreach (var parameter in parameters)
                foreach (var (name, query) in values)
                {
                    var kept = valid.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith(parameter + "=", StringComparison.Ordinal));
                    var url = $"{path}?{string.Join('&', kept.Append($"{parameter}={query}"))}";
                    var response = await s.Api.GetAsync(url);
                    var body = await response.Content.ReadAsStringAsync();
                    var status = (int)response.StatusCode;
                    var where = $"GET {path} {parameter}={name}: {status}";
                    if (status >= 500) { failures.Add($"{where} {Truncate(body)}"); continue; }
                    if (!IsJson(response) && HostileInput.EchoesRawMarkup(body)) failures.Add($"{where} echoes raw markup");
                    if (status != 400) continue;
                    if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") failures.Add($"{where} not problem+json");
                    else if (!NamesOneOf(body, [parameter, .. valid.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0])]))
                        failures.Add($"{where} does not name the parameter: {Truncate(body)}");
                }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
