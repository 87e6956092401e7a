using System.Net;
using ElBasar.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ElBasar.Tests.Infrastructure.Web;

/// <summary>Forms need their antiforgery token; cookies and HSTS follow HTTPS, as told by the site's own proxies only.</summary>
public sealed class TransportSecurityTests
{
    const string Host = "elbasar.example.org";

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        await app.CreateAccountAsync("camille@example.org");
        var client = app.Browser();
        await client.GetAsync("/compte/connexion");

        var signIn = await client.PostAsync("/compte/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "camille@example.org",
            ["Input.Password"] = TestAccounts.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.DoesNotContain(Cookies(signIn), c => c.StartsWith("elbasar=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/compte")).StatusCode);

        var signedIn = await app.SignedInAsync("camille@example.org");
        var signOut = await signedIn.PostAsync("/compte/deconnexion", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/compte")).StatusCode);
    }

    [Theory]
    [InlineData("http://localhost", false)]
    [InlineData("https://localhost", true)]
    public async Task The_sign_in_and_antiforgery_cookies_are_http_only_same_site_and_secure_over_https(string site, bool secure)
    {
        await using var app = await TestApp.StartAsync("sqlite");
        await app.CreateAccountAsync("camille@example.org");
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(site), AllowAutoRedirect = false });

        var form = await client.GetAsync("/compte/connexion");
        var signIn = await client.SubmitAsync("/compte/connexion", new Dictionary<string, string>
        {
            ["Input.Email"] = "camille@example.org",
            ["Input.Password"] = TestAccounts.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var antiforgery = Assert.Single(Cookies(form), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        var session = Assert.Single(Cookies(signIn), c => c.StartsWith("elbasar=", StringComparison.Ordinal));
        foreach (var cookie in new[] { antiforgery, session })
        {
            var attributes = cookie.ToLowerInvariant().Split(';').Select(a => a.Trim()).ToList();
            Assert.Contains("httponly", attributes);
            Assert.Contains(attributes, a => a is "samesite=lax" or "samesite=strict");
            Assert.Equal(secure, attributes.Contains("secure"));
        }
    }

    [Theory]
    [InlineData("https", true)]
    [InlineData("http", false)]
    public async Task Hsts_is_sent_over_https_only(string scheme, bool hsts)
    {
        await using var app = await TestApp.StartAsync("sqlite");

        var context = await SendAsync(app, scheme, IPAddress.Parse("198.51.100.7"), forwardedProto: null);

        Assert.Equal(hsts ? "max-age=31536000" : null, Hsts(context));
    }

    [Theory]
    [InlineData("127.0.0.1", null, true)]
    [InlineData("203.0.113.9", null, false)]
    [InlineData("203.0.113.9", "203.0.113.9", true)]
    [InlineData("198.51.100.7", "203.0.113.9", false)]
    public async Task A_forwarded_scheme_is_believed_only_from_the_loopback_and_the_configured_proxies(string from, string? knownProxy, bool believed)
    {
        await using var app = await TestApp.StartAsync("sqlite", knownProxy is null ? null : new() { ["Site:KnownProxies:0"] = knownProxy });

        var context = await SendAsync(app, "http", IPAddress.Parse(from), forwardedProto: "https");

        Assert.Equal(believed ? "max-age=31536000" : null, Hsts(context));
        Assert.Equal(believed ? "https" : "http", context.Request.Scheme);
        Assert.Equal(believed ? "192.0.2.44" : from, context.Connection.RemoteIpAddress?.ToString());
    }

    /// <summary>A request straight to the server, from a chosen address (the test client has none).</summary>
    static Task<HttpContext> SendAsync(TestApp app, string scheme, IPAddress from, string? forwardedProto) =>
        app.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Scheme = scheme;
            c.Request.Host = new HostString(Host);
            c.Request.Path = "/compte/connexion";
            c.Connection.RemoteIpAddress = from;
            if (forwardedProto is not null)
            {
                c.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
                c.Request.Headers["X-Forwarded-For"] = "192.0.2.44";
            }
        });

    static string? Hsts(HttpContext context) =>
        context.Response.Headers.StrictTransportSecurity is { Count: > 0 } value ? value.ToString() : null;

    static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
}
