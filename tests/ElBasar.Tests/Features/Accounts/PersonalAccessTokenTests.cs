using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Accounts;

public sealed partial class PersonalAccessTokenTests
{
    sealed record TokenInfo(Guid Id, string Name, DateTime CreatedAt, DateTime? LastUsedAt);

    static async Task<string> CreateTokenOnPageAsync(HttpClient browser, string name)
    {
        var response = await browser.PostFormAsync("/compte", "/compte?handler=CreateToken", new Dictionary<string, string> { ["TokenForm.Name"] = name });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        return Token().Match(await response.Content.ReadAsStringAsync()).Value;
    }

    static async Task<string> CreateTokenByVerbAsync(TestApp app, string email)
    {
        var output = new StringWriter();
        Assert.Equal(0, await TokensCommand.RunAsync(app.Services, ["create", "--email", email], output, TextWriter.Null));
        return output.ToString().Trim();
    }

    [SkippableTheory, BothDatabases]
    public async Task A_token_made_on_the_account_page_opens_the_api_until_it_is_revoked(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var browser = await app.SignedInAsync("camille@example.org", SiteRoles.Member);

        var token = await CreateTokenOnPageAsync(browser, "Import depuis notre site");

        Assert.Matches(Token(), token);
        var stored = await app.WithDbAsync((db, _) => db.PersonalAccessTokens.SingleAsync());
        Assert.Equal(PersonalAccessTokens.Hash(token), stored.TokenHash);
        Assert.DoesNotContain(token, stored.TokenHash);
        var listed = await app.WithToken(token).GetFromJsonAsync<List<TokenInfo>>("/api/v1/me/tokens");
        Assert.Equal("Import depuis notre site", Assert.Single(listed!).Name);
        Assert.Equal(app.Clock.Now.UtcDateTime, listed![0].LastUsedAt);
        var page = Html.VisibleText(await browser.GetStringAsync("/compte"));
        Assert.Contains("Import depuis notre site", page);
        Assert.DoesNotContain(token, page);

        var revoked = await browser.PostFormAsync("/compte", "/compte?handler=RevokeToken", new Dictionary<string, string> { ["tokenId"] = stored.Id.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.WithToken(token).GetAsync("/api/v1/me/tokens")).StatusCode);
        Assert.Contains("Vous n'avez aucun jeton", WebUtility.HtmlDecode(await browser.GetStringAsync("/compte?fait=jeton-revoque")));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_api_answers_401_problem_json_where_pages_redirect_to_sign_in(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        var anonymous = await app.Browser().GetAsync("/api/v1/me/tokens");
        var badToken = await app.WithToken("elb_" + new string('A', 43)).GetAsync("/api/v1/me/tokens");
        var notOurs = await app.WithToken("not-a-token").GetAsync("/api/v1/me/tokens");
        var page = await app.Browser().GetAsync("/compte");

        foreach (var response in new[] { anonymous, badToken, notOurs })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("\"status\":401", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal("Bearer", badToken.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/compte/connexion", page.Headers.Location?.AbsolutePath);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_signed_in_cookie_also_opens_the_api(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var browser = await app.SignedInAsync("lou@example.org", SiteRoles.Member);

        var response = await browser.GetAsync("/api/v1/me/tokens");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
    }

    [SkippableTheory, BothDatabases]
    public async Task The_tokens_create_verb_prints_a_working_token_and_refuses_an_unknown_address_in_french(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.CreateAccountAsync("script@example.org");
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exit = await TokensCommand.RunAsync(app.Services, ["create", "--email", "script@example.org", "--name", "Synchronisation"], output, errors);
        var unknownErrors = new StringWriter();
        var unknown = await TokensCommand.RunAsync(app.Services, ["create", "--email", "personne@example.org"], TextWriter.Null, unknownErrors);
        var usage = await TokensCommand.RunAsync(app.Services, ["create", "--name", "x"], TextWriter.Null, TextWriter.Null);

        Assert.Equal(0, exit);
        var token = output.ToString().Trim();
        Assert.Matches($"^{Token()}$", token);
        var listed = await app.WithToken(token).GetFromJsonAsync<List<TokenInfo>>("/api/v1/me/tokens");
        Assert.Equal("Synchronisation", Assert.Single(listed!).Name);
        Assert.Equal(1, unknown);
        Assert.Contains("Aucun compte n'a l'adresse « personne@example.org »", unknownErrors.ToString());
        Assert.Equal(2, usage);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_locked_out_account_token_is_refused_and_works_again_once_unlocked(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.CreateAccountAsync("bloque@example.org");
        var token = await CreateTokenByVerbAsync(app, "bloque@example.org");
        async Task SetLockoutAsync(DateTimeOffset? end) => await app.WithDbAsync(async (_, services) =>
        {
            var users = services.GetRequiredService<UserManager<User>>();
            Assert.True((await users.SetLockoutEndDateAsync((await users.FindByEmailAsync("bloque@example.org"))!, end)).Succeeded);
            return true;
        });

        await SetLockoutAsync(app.Clock.Now.AddYears(100));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.WithToken(token).GetAsync("/api/v1/me/tokens")).StatusCode);
        await SetLockoutAsync(null);
        Assert.Equal(HttpStatusCode.OK, (await app.WithToken(token).GetAsync("/api/v1/me/tokens")).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_deleted_account_takes_its_tokens_with_it(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateAccountAsync("parti@example.org");
        var token = await CreateTokenByVerbAsync(app, "parti@example.org");

        await app.WithDbAsync(db => db.Set<User>().Where(u => u.Id == user.Id).ExecuteDeleteAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.WithToken(token).GetAsync("/api/v1/me/tokens")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.PersonalAccessTokens.CountAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task Last_use_is_written_at_most_every_few_minutes(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.CreateAccountAsync("cron@example.org");
        var client = app.WithToken(await CreateTokenByVerbAsync(app, "cron@example.org"));
        async Task<DateTime?> LastUsedAsync() => await app.WithDbAsync((db, _) => db.PersonalAccessTokens.Select(t => t.LastUsedAt).SingleAsync());
        var first = app.Clock.Now.UtcDateTime;

        await client.GetAsync("/api/v1/me/tokens");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.GetAsync("/api/v1/me/tokens");
        Assert.Equal(first, await LastUsedAsync());

        app.Clock.Advance(PersonalAccessTokens.LastUseResolution);
        await client.GetAsync("/api/v1/me/tokens");
        Assert.Equal(app.Clock.Now.UtcDateTime, await LastUsedAsync());
    }

    [Theory]
    [InlineData("elb_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", true)]
    [InlineData("elb_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", false)]
    [InlineData("elb_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", false)]
    [InlineData("xyz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", false)]
    public void Only_text_shaped_like_a_token_reaches_the_database(string token, bool valid) =>
        Assert.Equal(valid, PersonalAccessTokens.LooksValid(token));

    [GeneratedRegex("elb_[A-Za-z0-9_-]{43}")]
    private static partial Regex Token();
}
