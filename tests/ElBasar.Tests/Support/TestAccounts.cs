using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ElBasar.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Support;

/// <summary>Accounts for tests: made with the <c>users create</c> verb, signed in through the real form.</summary>
public static partial class TestAccounts
{
    public const string Password = "une phrase de passe solide";

    /// <summary>A client that shows redirects instead of following them.</summary>
    public static HttpClient Browser(this TestApp app) => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public static async Task<User> CreateAccountAsync(this TestApp app, string email, string role = SiteRoles.Member, string? name = null)
    {
        string[] args = ["create", "--email", email, "--password", Password, "--role", role, .. name is null ? Array.Empty<string>() : ["--name", name]];
        Assert.Equal(0, await UsersCommand.RunAsync(app.Services, args, TextWriter.Null, TextWriter.Null));
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByEmailAsync(email))!;
    }

    /// <summary>A browser signed in as that account (made first when <paramref name="role"/> is given).</summary>
    public static async Task<HttpClient> SignedInAsync(this TestApp app, string email, string? role = null, string password = Password)
    {
        if (role is not null) await app.CreateAccountAsync(email, role);
        var client = app.Browser();
        var response = await client.SubmitAsync("/compte/connexion", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>A client that sends the token, and no cookie.</summary>
    public static HttpClient WithToken(this TestApp app, string token)
    {
        var client = app.Browser();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Loads <paramref name="page"/> for its antiforgery token, then posts the fields to <paramref name="action"/> (a handler of that page).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string page, string action, IDictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {page}.");
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await client.PostAsync(action, new FormUrlEncodedContent(body));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
