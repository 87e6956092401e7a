using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ElBasar.Bench.Import;
using ElBasar.Bench.Search;

namespace ElBasar.Bench.Load;

/// <summary>
/// <c>load</c>: the site under a realistic mix for a bounded time, with wrk on the loopback. Anonymous
/// people browse (home page, search pages, listing and organisation pages, the search API) while a
/// signed-in member publishes listings, writes to other organisations and reserves an item through
/// the API with a personal access token. Reports requests per second, p50 and p99, the errors, and
/// the peak resident memory of the web process; exits 1 when any request failed.
/// </summary>
static class LoadBenchmark
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal) { "tiny" };

    const string Password = "une phrase de passe pour la charge";

    public static async Task<int> RunAsync(CommandLine options)
    {
        var tiny = options.Flag("tiny");
        var provider = (options.String("provider") ?? "sqlite").ToLowerInvariant();
        var connection = options.String("connection")
            ?? (tiny && provider == "sqlite" ? $"Data Source={Path.Combine(Path.GetTempPath(), "elbasar-bench", "load-tiny-bench.db")}" : null)
            ?? throw new CommandLineException("Option --connection is required (a database already filled, e.g. by search --all).");
        var duration = (int)options.Integer("duration", fallback: tiny ? 5 : 60, min: 1);
        var connectionCounts = (options.String("connections") ?? (tiny ? "2" : "2,16")).Split(',')
            .Select(c => int.TryParse(c, out var n) && n > 0 ? n : throw new CommandLineException($"--connections: '{c}' is not a number of connections.")).ToList();
        var threads = (int)options.Integer("threads", fallback: 2, min: 1);
        var port = (int)options.Integer("port", fallback: 5098, min: 1);
        var web = options.String("web") is { } w ? Path.GetFullPath(w) : ImportBenchmark.FindWebDll();
        options.EnsureAllUsed();
        if (provider is not ("sqlite" or "postgresql"))
            throw new CommandLineException($"--provider must be sqlite or postgresql, not '{provider}'.");
        if (!File.Exists(web))
            throw new CommandLineException($"{web} not found: build it first (dotnet build -c Release src/ElBasar.Web) or pass --web.");

        IBenchDatabase? throwaway = null;
        if (tiny)
        {
            // A fresh database the site fills with its demo network on first start.
            throwaway = provider == "sqlite" ? new SqliteBenchDatabase(connection) : new PostgresBenchDatabase(connection);
            if (!throwaway.Name.Contains("bench", StringComparison.OrdinalIgnoreCase))
                throw new CommandLineException($"--tiny wipes the database: its name must contain 'bench' ({throwaway.Name}).");
            await throwaway.ResetAsync();
            connection = throwaway.ConnectionString;
        }

        var work = Directory.CreateTempSubdirectory("elbasar-load-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = provider,
            ["ConnectionStrings__ElBasar"] = connection,
            ["Demo__Seed"] = tiny ? "true" : "false",
            ["Email__PickupDirectory"] = Path.Combine(work, "mail"),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = work };
        foreach (var argument in new[] { web, "--urls", baseUrl }) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var server = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
            await HttpBenchmark.WaitForAsync(client, server);
            var mix = await PrepareAsync(client, web, environment);
            await WarmAsync(client, mix);
            var script = Path.Combine(work, "load.lua");
            WriteScript(script, mix);
            Console.WriteLine($"server    {baseUrl}, {provider}, {mix.Listings} visible listings; member {mix.Email} of organisation {mix.OrganizationId}");

            var figures = new List<string> { $"provider={provider}", $"listings={mix.Listings}", $"duration_s={duration}" };
            var failed = false;
            foreach (var count in connectionCounts)
            {
                using var peak = new PeakMemory(server);
                var output = await HttpBenchmark.RunWrkAsync(["-t", $"{Math.Min(threads, count)}", "-c", $"{count}", "-d", $"{duration}s", "--timeout", "10s",
                    "--latency", "-s", script, baseUrl]);
                var line = output.Split('\n').LastOrDefault(l => l.StartsWith("load ", StringComparison.Ordinal))
                    ?? throw new InvalidOperationException("wrk did not print the script's summary line.");
                var values = line[5..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
                foreach (var name in new[] { "rps", "p50_ms", "p99_ms", "errors" })
                    figures.Add($"c{count}_{name}={values[name]}");
                failed |= values["errors"] != "0";
                Console.WriteLine($"connections {count}: {line}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak resident memory of the web process so far: {peak.PeakMegabytes:0} MB"));
            }
            figures.Add(string.Create(CultureInfo.InvariantCulture, $"peak_rss_mb={PeakMemory.HighWaterMegabytes(server):0}"));
            Console.WriteLine();
            Console.WriteLine($"load {string.Join(' ', figures)}");
            if (failed) Console.Error.WriteLine("Some requests failed: see wrk's output above.");
            return failed ? 1 : 0;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Directory.Delete(work, recursive: true);
            if (throwaway is not null) await throwaway.DropAsync();
        }
    }

    sealed record Mix(string Listings, string Email, Guid OrganizationId, string Token, Guid ItemId, Guid ConversationId,
        List<string> ListingPaths, List<string> OrganizationPaths, List<string> Searches);

    /// <summary>
    /// A member of one organisation of the network, with a personal access token (the site's own verbs, as an
    /// administrator runs them), an item its organisation lends, and the pages and searches to visit.
    /// </summary>
    static async Task<Mix> PrepareAsync(HttpClient client, string web, Dictionary<string, string> environment)
    {
        var organizations = await client.GetFromJsonAsync<JsonElement>("/api/v1/organizations?pageSize=100");
        var ids = organizations.GetProperty("items").EnumerateArray()
            .Select(o => (Id: o.GetProperty("id").GetGuid(), Member: o.GetProperty("member").GetBoolean())).ToList();
        if (ids.Count < 2) throw new InvalidOperationException("The database needs at least two organisations.");
        // The newest listings are another organisation's, even on a database an earlier run published into.
        var newest = await client.GetFromJsonAsync<JsonElement>("/api/v1/listings?pageSize=1");
        var newestOrganization = newest.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("organization").GetProperty("id").GetGuid()).FirstOrDefault();
        var own = ids.First(o => o.Member && o.Id != newestOrganization).Id;

        var email = $"charge-{DateTime.UtcNow:yyyyMMddHHmmss}@bench.invalid";
        await VerbAsync(web, environment, "users", "create", "--email", email, "--password", Password, "--name", "Charge de test", "--role", "member");
        await VerbAsync(web, environment, "users", "add-to-organization", "--email", email, "--organization", own.ToString(), "--role", "owner");
        var token = (await VerbAsync(web, environment, "tokens", "create", "--email", email, "--name", "charge")).Trim().Split('\n')[^1].Trim();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var item = await client.PostAsJsonAsync("/api/v1/items", new
        {
            organizationId = own, title = "Barnum de 6 m pour la charge", description = "Un barnum que le réseau se prête.", category = "equipment",
            quantity = 20, autoApprove = true, audience = "everyone", maxLoanDays = 3,
        });
        var itemBody = await item.Content.ReadAsStringAsync();
        if (!item.IsSuccessStatusCode) throw new InvalidOperationException($"Could not list the item to reserve: {(int)item.StatusCode} {itemBody}");
        var itemId = JsonDocument.Parse(itemBody).RootElement.GetProperty("id").GetGuid();
        client.DefaultRequestHeaders.Authorization = null;

        var listings = await client.GetFromJsonAsync<JsonElement>("/api/v1/listings?pageSize=100");
        var items = listings.GetProperty("items").EnumerateArray().ToList();
        var others = items.Where(l => l.GetProperty("organization").GetProperty("id").GetGuid() != own).Select(l => l.GetProperty("id").GetGuid()).ToList();
        if (others.Count == 0) throw new InvalidOperationException("The database needs listings of other organisations.");
        // One conversation, started at once: a new account may start only a few an hour, and writes in it at will.
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var started = await client.PostAsJsonAsync("/api/v1/conversations", new { listingId = others[0], asOrganizationId = own, message = "Bonjour, est-ce toujours disponible ?" });
        var startedBody = await started.Content.ReadAsStringAsync();
        if (!started.IsSuccessStatusCode) throw new InvalidOperationException($"Could not start a conversation: {(int)started.StatusCode} {startedBody}");
        client.DefaultRequestHeaders.Authorization = null;
        var conversationId = JsonDocument.Parse(startedBody).RootElement.GetProperty("id").GetGuid();

        var searches = QueryMix.Build(5, 42).Select(q => q.QueryString()).ToList();
        // Past ListingSearch.CountLimit the API counts no further: "1000+".
        var total = $"{listings.GetProperty("total").GetInt64()}{(listings.TryGetProperty("totalIsCapped", out var capped) && capped.GetBoolean() ? "+" : "")}";
        return new Mix(total, email, own, token, itemId, conversationId,
            items.Select(l => $"/annonces/{l.GetProperty("id").GetGuid()}").ToList(),
            ids.Select(o => $"/structures/{o.Id}").ToList(), searches);
    }

    /// <summary>Each page and search of the mix once, so that the figures are not those of a site starting up.</summary>
    static async Task WarmAsync(HttpClient client, Mix mix)
    {
        IEnumerable<string> paths = ["/", .. mix.Searches.Select(q => $"/recherche?{q}"), .. mix.Searches.Select(q => $"/api/v1/listings?{q}"),
            .. mix.ListingPaths, .. mix.OrganizationPaths];
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(path);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path} answered {(int)response.StatusCode} before the load.");
        }
    }

    static async Task<string> VerbAsync(string web, Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetDirectoryName(web)!,
        };
        start.ArgumentList.Add(web);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{string.Join(' ', arguments.Take(2))}' exited with code {process.ExitCode}: {await errors}");
        return await output;
    }

    /// <summary>
    /// The Lua script for wrk. Each request draws from the mix by weight: 30 % search pages, 10 % the search
    /// API, 20 % listing pages, 10 % the home page, 10 % organisation pages, then, signed in with the token,
    /// 10 % new listings, 5 % messages in a conversation with another organisation and 5 % one-day reservations (each thread on
    /// days of its own; a reservation refused because the days are taken, 409, is an answer, not an error).
    /// At the end, one line with requests per second, p50/p99 and every kind of error.
    /// </summary>
    static void WriteScript(string path, Mix mix)
    {
        // Lua's long brackets take the text as it is: no escapes to get wrong in URLs and tokens.
        static string Text(string value) => $"[==[{value}]==]";
        static string List(IEnumerable<string> values) => string.Join(",\n", values.Select(v => "  " + Text(v)));
        var lua = new StringBuilder();
        lua.AppendLine("-- Written by ElBasar.Bench (load).");
        lua.AppendLine($"local searches = {{\n{List(mix.Searches)}\n}}");
        lua.AppendLine($"local listings = {{\n{List(mix.ListingPaths)}\n}}");
        lua.AppendLine($"local organizations = {{\n{List(mix.OrganizationPaths)}\n}}");
        lua.AppendLine($"local conversation = {Text(mix.ConversationId.ToString())}");
        lua.AppendLine($"local token = {Text(mix.Token)}");
        lua.AppendLine($"local own = {Text(mix.OrganizationId.ToString())}");
        lua.AppendLine($"local item = {Text(mix.ItemId.ToString())}");
        lua.AppendLine(
            """
            local threads = {}
            local counter = 0

            function setup(thread)
              thread:set("id", counter)
              table.insert(threads, thread)
              counter = counter + 1
            end

            function init(args)
              n = 0
              failures = 0
              conflicts = 0
              reserving = false
              math.randomseed(id * 7919 + 1)
            end

            local function pick(list)
              return list[math.random(#list)]
            end

            local function post(path, body)
              return wrk.format("POST", path, {
                ["Content-Type"] = "application/json",
                ["Authorization"] = "Bearer " .. token,
              }, body)
            end

            function request()
              n = n + 1
              reserving = false
              local r = math.random(100)
              if r <= 30 then return wrk.format("GET", "/recherche?" .. pick(searches)) end
              if r <= 40 then return wrk.format("GET", "/api/v1/listings?" .. pick(searches)) end
              if r <= 60 then return wrk.format("GET", pick(listings)) end
              if r <= 70 then return wrk.format("GET", "/") end
              if r <= 80 then return wrk.format("GET", pick(organizations)) end
              if r <= 90 then
                return post("/api/v1/listings", string.format(
                  '{"organizationId":"%s","kind":"offer","title":"Tonnelle et tables à prêter, lot %d-%d","description":"Pour les fêtes de quartier du réseau.","category":"equipment","exchangeModes":["loan"]}',
                  own, id, n))
              end
              if r <= 95 then
                return post("/api/v1/conversations/" .. conversation .. "/messages", string.format(
                  '{"message":"Nous pouvons passer samedi matin, cela vous va ? (%d-%d)"}', id, n))
              end
              reserving = true
              local day = os.time() + (8 + (id * 997 + n) % 350) * 86400
              local date = os.date("!%Y-%m-%d", day)
              return post("/api/v1/items/" .. item .. "/reservations", string.format('{"from":"%s","to":"%s"}', date, date))
            end

            function response(status, headers, body)
              if reserving and status == 409 then
                conflicts = conflicts + 1
              elseif status >= 400 then
                failures = failures + 1
                if failures <= 3 then io.stderr:write("HTTP " .. status .. ": " .. string.sub(body or "", 1, 300) .. "\n") end
              end
            end

            function done(summary, latency, requests)
              local failed, refused = 0, 0
              for _, thread in ipairs(threads) do
                failed = failed + thread:get("failures")
                refused = refused + thread:get("conflicts")
              end
              local e = summary.errors
              io.write(string.format("load rps=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f requests=%d errors=%d http_errors=%d socket_errors=%d reservations_refused=%d\n",
                summary.requests / (summary.duration / 1000000), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
                latency.max / 1000, summary.requests, failed + e.connect + e.read + e.write + e.timeout, failed,
                e.connect + e.read + e.write + e.timeout, refused))
            end
            """);
        File.WriteAllText(path, lua.ToString());
    }
}
