using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Resources;

namespace ElBasar.Tests.Features.Resources;

/// <summary>The library tests' shared moves: a facilitator, a member, the real add form, resources in the database.</summary>
static partial class Library
{
    public static async Task<HttpClient> FacilitatorAsync(TestApp app, string email = "animation@example.org")
    {
        await app.CreateAccountAsync(email, SiteRoles.Facilitator, "Nadia Animatrice");
        return await app.SignedInAsync(email);
    }

    /// <summary>A signed-in person of an organisation; a member of the network unless <paramref name="member"/> is false.</summary>
    public static async Task<HttpClient> PersonAsync(TestApp app, string email, bool member = true)
    {
        var builder = new OrganizationBuilder().Named(member ? "Les Jardins d'Arras" : "Coop de passage");
        var organization = await (member ? builder : builder.NotMember()).SaveAsync(app);
        var user = await app.CreateAccountAsync(email, SiteRoles.Member, "Camille Martin");
        await app.WithDbAsync(async db =>
        {
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = organization.Id, UserId = user.Id, Role = OrganizationRole.Editor, Since = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
        });
        return await app.SignedInAsync(email);
    }

    public static Dictionary<string, string> Fields(string title = "Guide des achats responsables") => new()
    {
        ["Input.Title"] = title,
        ["Input.Summary"] = "Comment acheter à un autre membre du réseau.",
        ["Input.Kind"] = "guide",
        ["Input.Date"] = "2026-10-15",
        ["Input.Audience"] = "public",
        ["Input.Link"] = "",
    };

    /// <summary>Posts the real form of <paramref name="page"/> as multipart, with a file when one is given.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, IDictionary<string, string> fields,
        (string Name, byte[] Bytes, string Type)? file = null, string[]? themes = null, string? handler = null)
    {
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(await client.GetStringAsync(page)).Groups[1].Value);
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (key, value) in fields) form.Add(new StringContent(value), key);
        foreach (var theme in themes ?? []) form.Add(new StringContent(theme), "Input.Themes");
        if (file is { } f)
        {
            var part = new ByteArrayContent(f.Bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(f.Type);
            form.Add(part, "file", f.Name);
        }
        return await client.PostAsync(handler is null ? page : $"{page}?handler={handler}", form);
    }

    public static async Task<Resource> SaveAsync(TestApp app, string title, string summary = "", ResourceKind kind = ResourceKind.Guide,
        ResourceAudience audience = ResourceAudience.Public, string[]? themes = null, DateOnly? date = null, byte[]? file = null)
    {
        var now = FakeClock.Default.UtcDateTime;
        var resource = new Resource
        {
            Title = title, Summary = summary, Kind = kind, Audience = audience, PublishedOn = date ?? new DateOnly(2026, 10, 1),
            CreatedAt = now, UpdatedAt = now,
        };
        resource.Themes.AddRange((themes ?? []).Select(t => new ResourceTheme { ResourceId = resource.Id, Theme = t }));
        if (file is null) resource.Link = "https://example.org/document";
        else (resource.FileName, resource.FileContentType, resource.FileSize) = ("document.pdf", "application/pdf", file.Length);
        await app.WithDbAsync(async db =>
        {
            db.Add(resource);
            if (file is not null) db.Add(new ResourceFile { ResourceId = resource.Id, Bytes = file });
            await db.SaveChangesAsync();
        });
        return resource;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
