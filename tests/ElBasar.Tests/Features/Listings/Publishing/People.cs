using System.Net.Http.Json;
using ElBasar.Tests.Features.Directory;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;

namespace ElBasar.Tests.Features.Listings.Publishing;

/// <summary>People who publish: a signed-in browser and an API client with a token, both the same account.</summary>
sealed record Person(Guid Id, string Email, HttpClient Browser, HttpClient Api);

static class People
{
    public static async Task<Person> CreateAsync(TestApp app, string email, string role = SiteRoles.Member,
        Guid? organizationId = null, OrganizationRole organizationRole = OrganizationRole.Owner)
    {
        var (browser, id) = await SignedIn.PersonAsync(app, email, role: role);
        if (organizationId is { } org) await SignedIn.AddAsync(app, org, id, organizationRole);
        var output = new StringWriter();
        Assert.Equal(0, await TokensCommand.RunAsync(app.Services, ["create", "--email", email], output, TextWriter.Null));
        return new Person(id, email, browser, app.WithToken(output.ToString().Trim()));
    }

    /// <summary>A valid body for <c>POST /api/v1/listings</c>; a test changes only what it is about.</summary>
    public static Dictionary<string, object?> Body(Guid organizationId, string title = "Prêt d'une tonnelle 3x3 m") => new()
    {
        ["organizationId"] = organizationId, ["kind"] = "offer", ["title"] = title,
        ["description"] = "À venir chercher sur place.", ["category"] = "equipment", ["exchangeModes"] = new[] { "loan" },
    };

    /// <summary>The fields of the listing form, valid by default.</summary>
    public static Dictionary<string, string> Form(string title = "Prêt d'une tonnelle 3x3 m", Guid? organizationId = null)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.Kind"] = "offer", ["Input.Title"] = title, ["Input.Description"] = "À venir chercher sur place.",
            ["Input.Category"] = "equipment", ["Input.ExchangeModes"] = "loan", ["Input.Price"] = "", ["Input.Commune"] = "",
            ["Input.CommuneInsee"] = "", ["Input.Latitude"] = "", ["Input.Longitude"] = "", ["Input.ExpiresAt"] = "",
        };
        if (organizationId is { } id) form["Input.OrganizationId"] = id.ToString();
        return form;
    }

    public static Task<HttpResponseMessage> PatchAsync(this HttpClient client, string path, object body) =>
        client.PatchAsync(path, JsonContent.Create(body));
}
