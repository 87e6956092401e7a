using System.Net;
using System.Text.RegularExpressions;
using ElBasar.Tests.Features.Directory;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ElBasar.Tests.Infrastructure.Web;

/// <summary>
/// Walks every endpoint the site maps (Razor pages and minimal APIs), from the routing's own
/// metadata, so that a new page or route is checked without anyone adding it to a list.
/// </summary>
public sealed partial class EndpointAuthorizationTests(ITestOutputHelper output)
{
    /// <summary>One address and method of an endpoint, its route parameters filled with plausible values.</summary>
    sealed record Call(string Method, string Url, string Pattern, bool NeedsAuthorization, bool IsApi);

    [Fact]
    public async Task Every_endpoint_that_requires_a_sign_in_refuses_anonymous_calls()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var calls = await CallsAsync(app);
        var guarded = calls.Where(c => c.NeedsAuthorization).ToList();
        var open = calls.Where(c => !c.NeedsAuthorization && !StaticAsset().IsMatch(c.Pattern)).ToList();
        output.WriteLine("Open to anonymous callers:\n  " + string.Join("\n  ", open.Select(c => $"{c.Method} {c.Pattern}")));

        // Enough that a change in how endpoints are found cannot make this test walk nothing.
        Assert.True(guarded.Count > 100, $"Only {guarded.Count} guarded calls found.");
        Assert.Contains(guarded, c => c.IsApi);
        Assert.Contains(guarded, c => !c.IsApi);
        var client = app.Browser();
        var failures = new List<string>();
        foreach (var call in guarded)
        {
            var response = await client.SendAsync(Request(call));
            var location = response.Headers.Location?.OriginalString ?? "";
            var refused = call.IsApi
                ? response.StatusCode == HttpStatusCode.Unauthorized
                : response.StatusCode == HttpStatusCode.Redirect && SignInRedirect().IsMatch(location);
            if (!refused) failures.Add($"{call.Method} {call.Url} ({call.Pattern}): {(int)response.StatusCode} {location}");
            failures.AddRange(HeaderFailures(call, response));
        }
        foreach (var call in open.Where(c => c.Method == "GET"))
        {
            var response = await client.SendAsync(Request(call));
            if ((int)response.StatusCode >= 500) failures.Add($"{call.Method} {call.Url} ({call.Pattern}): {(int)response.StatusCode}");
            failures.AddRange(HeaderFailures(call, response));
        }
        Assert.True(failures.Count == 0, "Answered an anonymous call:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_endpoint_of_an_organisation_refuses_a_member_of_another_organisation()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var target = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var theirs = await new OrganizationBuilder().Named("Jardins de Fives").SaveAsync(app);
        var (client, id) = await SignedIn.PersonAsync(app, "autre@example.org");
        await SignedIn.AddAsync(app, theirs.Id, id, OrganizationRole.Owner);
        var token = await AntiforgeryTokenAsync(client);

        var scoped = (await CallsAsync(app, target.Id)).Where(c => c.NeedsAuthorization && OrganizationScoped().IsMatch(c.Pattern)).ToList();
        output.WriteLine("Organisation-scoped calls:\n  " + string.Join("\n  ", scoped.Select(c => $"{c.Method} {c.Pattern}")));

        Assert.True(scoped.Count >= 10, $"Only {scoped.Count} organisation-scoped calls found.");
        var failures = new List<string>();
        foreach (var call in scoped)
        {
            var request = Request(call);
            if (call.Method != "GET" && !call.IsApi)
                request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
            var response = await client.SendAsync(request);
            var location = response.Headers.Location?.OriginalString ?? "";
            var refused = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed
                || response.StatusCode == HttpStatusCode.Redirect && RefusalRedirect().IsMatch(location);
            if (!refused) failures.Add($"{call.Method} {call.Url} ({call.Pattern}): {(int)response.StatusCode} {location}");
        }
        Assert.True(failures.Count == 0, "Let a member of another organisation in:\n" + string.Join("\n", failures));
        // Nothing the calls could have written has changed.
        var unchanged = await app.WithDbAsync((db, _) => Task.FromResult(db.Organizations.Single(o => o.Id == target.Id)));
        Assert.Equal("Atelier Roue Libre", unchanged.Name);
    }

    /// <summary>The hardening headers every answer carries, refusals and errors included.</summary>
    static IEnumerable<string> HeaderFailures(Call call, HttpResponseMessage response)
    {
        var policy = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? string.Join(",", values) : "";
        var scripts = policy.Split(';').Select(d => d.Trim()).FirstOrDefault(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        var sources = scripts ?? policy.Split(';').Select(d => d.Trim()).FirstOrDefault(d => d.StartsWith("default-src ", StringComparison.Ordinal)) ?? "";
        if (sources.Length == 0 || sources.Contains("'unsafe-inline'") || sources.Contains("'unsafe-eval'"))
            yield return $"{call.Method} {call.Url}: scripts not restricted ({policy})";
        // Only the widgets are made to be framed by other sites.
        var framing = call.Url.StartsWith("/widgets/", StringComparison.Ordinal) ? "frame-ancestors *" : "frame-ancestors 'none'";
        if (!policy.EndsWith(framing, StringComparison.Ordinal)) yield return $"{call.Method} {call.Url}: no {framing}";
        if (!response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) || sniff.Single() != "nosniff")
            yield return $"{call.Method} {call.Url}: no X-Content-Type-Options: nosniff";
        if (!response.Headers.TryGetValues("Referrer-Policy", out var referrer) || referrer.Single() != "strict-origin-when-cross-origin")
            yield return $"{call.Method} {call.Url}: no Referrer-Policy";
    }

    static async Task<List<Call>> CallsAsync(TestApp app, Guid? id = null)
    {
        var sources = app.Services.GetRequiredService<EndpointDataSource>();
        var loader = app.Services.GetRequiredService<PageLoader>();
        var calls = new List<Call>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            var metadata = endpoint.Metadata;
            var needsAuthorization = metadata.GetMetadata<IAllowAnonymous>() is null
                && (metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0 || metadata.GetMetadata<AuthorizationPolicy>() is not null);
            var pattern = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            var url = Url(endpoint.RoutePattern, id ?? Guid.NewGuid());
            var isApi = pattern.StartsWith("/api/", StringComparison.Ordinal);
            if (metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                // GET, a POST with no handler, and each handler by its name.
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                calls.Add(new Call("GET", url, pattern, needsAuthorization, isApi));
                calls.Add(new Call("POST", url, pattern, needsAuthorization, isApi));
                calls.AddRange(compiled.HandlerMethods.Where(h => h.Name is not null && h.HttpMethod != "Get").Select(h =>
                    new Call(h.HttpMethod.ToUpperInvariant(), $"{url}?handler={h.Name}", $"{pattern}?handler={h.Name}", needsAuthorization, isApi)));
            }
            else
            {
                var methods = metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                calls.AddRange(methods.Select(m => new Call(m, url, pattern, needsAuthorization, isApi)));
            }
        }
        return calls;
    }

    /// <summary>Fills each parameter with a value its constraints accept.</summary>
    static string Url(RoutePattern pattern, Guid id)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => Value(parameter, id),
            _ => "",
        })));
        return "/" + string.Join("/", segments);
    }

    static string Value(RoutePatternParameterPart parameter, Guid id)
    {
        foreach (var policy in parameter.ParameterPolicies.Select(p => p.Content ?? ""))
        {
            if (policy == "guid") return id.ToString();
            if (policy == "int") return "1";
            if (policy == "length(7)") return "2025-01";
            var alternatives = RegexAlternatives().Match(policy);
            if (alternatives.Success) return alternatives.Groups[1].Value;
        }
        return parameter.Name.Contains("month", StringComparison.OrdinalIgnoreCase) ? "2025-01" : "x";
    }

    static HttpRequestMessage Request(Call call) => new(new HttpMethod(call.Method), call.Url)
    {
        Content = call.Method is "POST" or "PUT" or "PATCH" ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : null,
    };

    static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/compte");
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(token.Success, "No antiforgery token on /compte.");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    [GeneratedRegex(@"^https?://[^/]+/compte/connexion\?ReturnUrl=|^/compte/connexion\?ReturnUrl=")]
    private static partial Regex SignInRedirect();

    /// <summary>Files of wwwroot, served by the static assets' endpoints (the widgets' script among them).</summary>
    [GeneratedRegex(@"^/(css|js|lib)/|^/widgets/elbasar\.")]
    private static partial Regex StaticAsset();

    [GeneratedRegex(@"/erreur/40[34]$")]
    private static partial Regex RefusalRedirect();

    /// <summary>Routes of one organisation: <c>/structures/{id}/…</c>, <c>/pret/structure/{id}</c>, <c>/api/v1/organizations/{id}/…</c>.</summary>
    [GeneratedRegex(@"/(structures|structure|organizations)/\{id")]
    private static partial Regex OrganizationScoped();

    [GeneratedRegex(@"^regex\(\^\(([^|)]+)")]
    private static partial Regex RegexAlternatives();
}
