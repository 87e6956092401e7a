using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ElBasar.Tests.Features.Listings.Photos;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings.Photos;

namespace ElBasar.Tests.Features.Directory;

/// <summary>An organisation's logo: sent by its people through <c>/structures/{id}/logo</c>, cleaned, served with its own type.</summary>
public sealed partial class OrganizationLogoTests
{
    static async Task<HttpResponseMessage> SendAsync(HttpClient client, Guid organizationId, string name, byte[] bytes, string type)
    {
        var page = $"/structures/{organizationId}/logo";
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(await client.GetStringAsync(page)).Groups[1].Value);
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(part, "file", name);
        return await client.PostAsync($"{page}?handler=Upload", form);
    }

    static async Task<(Organization Organization, HttpClient Owner)> OwnerAsync(TestApp app)
    {
        var user = await app.CreateAccountAsync("logo@example.org");
        var organization = await new OrganizationBuilder().Named("Atelier Vélo Solidaire").SaveAsync(app);
        await app.WithDbAsync(async db =>
        {
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = organization.Id, UserId = user.Id, Role = OrganizationRole.Editor, Since = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
        });
        return (organization, await app.SignedInAsync("logo@example.org"));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_logo_sent_by_an_editor_is_served_clean_with_its_own_type_on_the_profile(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (organization, owner) = await OwnerAsync(app);
        var withComment = TestPhotos.JpegWith(TestPhotos.Comment("Pris au 12 rue des Arts"), TestPhotos.Exif(orientation: 1));

        var sent = await SendAsync(owner, organization.Id, "logo.png", withComment, "image/png");
        var profile = await app.CreateClient().GetStringAsync($"/structures/{organization.Id}");
        var address = LogoAddress().Match(profile);

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.True(address.Success, "The profile shows no logo.");
        var served = await app.CreateClient().GetAsync(address.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.Equal(PhotoSanitizer.Sanitize(withComment).Photo!.Bytes, bytes);
        Assert.DoesNotContain("12 rue des Arts", System.Text.Encoding.Latin1.GetString(bytes));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_file_that_is_not_an_image_is_refused_in_French_and_others_cannot_send_one(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (organization, owner) = await OwnerAsync(app);
        var stranger = await app.SignedInAsync("autre@example.org", role: "member");

        var refused = await SendAsync(owner, organization.Id, "logo.jpg", "<svg onload=alert(1)></svg>"u8.ToArray(), "image/jpeg");
        var page = await stranger.GetAsync($"/structures/{organization.Id}/logo");
        var anonymous = await app.Browser().GetAsync($"/structures/{organization.Id}/logo");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("« logo.jpg » :", Html.VisibleText(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.DoesNotMatch(LogoAddress(), await app.CreateClient().GetStringAsync($"/structures/{organization.Id}"));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<img class=\"logo\" src=\"(/logos/[0-9a-f-]{36})\"")]
    private static partial Regex LogoAddress();
}
