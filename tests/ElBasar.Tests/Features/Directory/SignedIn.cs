using System.Net;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Directory;

/// <summary>People with confirmed accounts, signed in through the real form, and their place in organisations.</summary>
static class SignedIn
{
    public const string Password = "une phrase de passe solide";

    public static async Task<Guid> CreateUserAsync(TestApp app, string email, string name = "Camille Martin", string role = SiteRoles.Member)
    {
        Assert.Equal(0, await UsersCommand.RunAsync(app.Services,
            ["create", "--email", email, "--password", Password, "--name", name, "--role", role], TextWriter.Null, TextWriter.Null));
        return await app.WithDbAsync((db, _) => db.Set<User>().Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
    }

    public static async Task<HttpClient> ClientAsync(TestApp app, string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await client.SubmitAsync("/compte/connexion", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    /// <summary>A new account, signed in, with its id.</summary>
    public static async Task<(HttpClient Client, Guid Id)> PersonAsync(TestApp app, string email, string name = "Camille Martin", string role = SiteRoles.Member)
    {
        var id = await CreateUserAsync(app, email, name, role);
        return (await ClientAsync(app, email), id);
    }

    public static Task AddAsync(TestApp app, Guid organizationId, Guid userId, OrganizationRole role) =>
        app.WithDbAsync(async db =>
        {
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = organizationId, UserId = userId, Role = role, Since = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
        });

    public static Task<List<OutboxMessage>> MailsToAsync(TestApp app, string address) =>
        app.WithDbAsync((db, _) => db.Set<OutboxMessage>().Where(m => m.ToAddress == address).OrderBy(m => m.CreatedAt).ToListAsync());

    /// <summary>Posts a form shown on <paramref name="from"/> (for its antiforgery token) to <paramref name="to"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string from, string to, IDictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(from);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(token.Success, $"No antiforgery token on {from}.");
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await client.PostAsync(to, new FormUrlEncodedContent(body));
    }

    public static async Task<string> PageAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
