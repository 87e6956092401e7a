using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ElBasar.Tests.Features.Listings.Photos;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings.Photos;
using ElBasar.Web.Features.Networks;
using ElBasar.Web.Features.Networks.Admin;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Networks;

/// <summary>A network's logo: sent by an admin on <c>/admin/reseaux/{id}</c>, cleaned like organisation logos, shown on its home page and in the header.</summary>
public sealed partial class NetworkLogoTests
{
    const string Host = "lens.example.org";

    static async Task<Network> NetworkAsync(TestApp app)
    {
        var network = new Network { Name = "Réseau lensois", Slug = "reseau-lensois", HostName = Host, CreatedAt = FakeClock.Default.UtcDateTime };
        await app.WithDbAsync(async db =>
        {
            db.Networks.Add(network);
            await db.SaveChangesAsync();
        });
        return network;
    }

    static async Task<HttpResponseMessage> SendAsync(HttpClient client, Guid networkId, string? name, byte[] bytes, string altText = "")
    {
        var page = $"/admin/reseaux/{networkId}";
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(await client.GetStringAsync(page)).Groups[1].Value);
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(altText), "LogoAltText" } };
        if (name is not null)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(part, "file", name);
        }
        return await client.PostAsync($"{page}?handler=UploadLogo", form);
    }

    static async Task<string> AtHostAsync(TestApp app, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = Host;
        return await (await app.Browser().SendAsync(request)).Content.ReadAsStringAsync();
    }

    [SkippableTheory, BothDatabases]
    public async Task A_logo_sent_by_an_admin_is_served_clean_on_the_home_page_and_in_the_header_then_removed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var network = await NetworkAsync(app);
        var admin = await app.SignedInAsync("admin@example.org", SiteRoles.Admin);
        var withComment = TestPhotos.JpegWith(TestPhotos.Comment("Pris au 12 rue des Arts"));

        var sent = await SendAsync(admin, network.Id, "logo.png", withComment, "Une main tenant une feuille, Réseau lensois");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var home = await app.Browser().GetStringAsync($"/reseaux/{network.Slug}");
        var address = HomeLogo().Match(home);
        Assert.True(address.Success, "The network's home page shows no logo.");
        Assert.Equal("Une main tenant une feuille, Réseau lensois", WebUtility.HtmlDecode(address.Groups[2].Value));
        var served = await app.Browser().GetAsync(address.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(PhotoSanitizer.Sanitize(withComment).Photo!.Bytes, await served.Content.ReadAsByteArrayAsync());

        // The network's host name makes it the current one: its logo marks the header of every page, not the home network's.
        var header = HeaderLogo().Match(await AtHostAsync(app, "/recherche"));
        Assert.True(header.Success, "The header does not show the current network's logo.");
        Assert.Equal(address.Groups[1].Value, header.Groups[1].Value);
        Assert.DoesNotMatch(HeaderLogo(), await app.Browser().GetStringAsync("/recherche"));
        Assert.True(await app.WithDbAsync((db, _) => db.Set<ElBasar.Web.Features.Administration.Audit.AuditEntry>().AnyAsync(a => a.Action == EditModel.LogoChanged)));

        var removed = await admin.PostFormAsync($"/admin/reseaux/{network.Id}", $"/admin/reseaux/{network.Id}?handler=RemoveLogo", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotMatch(HomeLogo(), await app.Browser().GetStringAsync($"/reseaux/{network.Slug}"));
        Assert.DoesNotMatch(HeaderLogo(), await AtHostAsync(app, "/recherche"));
        Assert.Contains("<a class=\"network-brand\" href=\"/reseaux/reseau-lensois\">R&#xE9;seau lensois</a>", await AtHostAsync(app, "/recherche"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync(address.Groups[1].Value)).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task What_is_not_a_safe_image_is_refused_in_French_and_only_admins_may_send_one(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var network = await NetworkAsync(app);
        var admin = await app.SignedInAsync("admin@example.org", SiteRoles.Admin);

        var script = await SendAsync(admin, network.Id, "logo.png", "<svg onload=alert(1)></svg>"u8.ToArray());
        var bomb = await SendAsync(admin, network.Id, "bombe.png", TestPhotos.PngOf(TestPhotos.Ihdr(20_000, 20_000), TestPhotos.Idat(1, 1), TestPhotos.Iend));
        var none = await SendAsync(admin, network.Id, null, []);
        var longAlt = await SendAsync(admin, network.Id, "logo.png", TestPhotos.Png(), new string('a', NetworkLogo.MaxAltTextLength + 1));

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains($"« logo.png » : {PhotoSanitizer.NotAnImageMessage}", Html.VisibleText(await script.Content.ReadAsStringAsync()));
        Assert.Contains($"« bombe.png » : {PhotoSanitizer.TooManyPixelsMessage}", Html.VisibleText(await bomb.Content.ReadAsStringAsync()));
        Assert.Contains(EditModel.NoLogoMessage, Html.VisibleText(await none.Content.ReadAsStringAsync()));
        Assert.Contains("Le texte qui remplace le logo doit faire au plus 200 caractères", Html.VisibleText(await longAlt.Content.ReadAsStringAsync()));

        // The network's facilitators run it from its own pages; the admin page, and so the logo, stays the admins'.
        await app.CreateAccountAsync("lens@example.org", SiteRoles.Member, "Lou Animatrice");
        await admin.PostFormAsync($"/admin/reseaux/{network.Id}", $"/admin/reseaux/{network.Id}?handler=AddFacilitator", new Dictionary<string, string> { ["FacilitatorEmail"] = "lens@example.org" });
        var facilitator = await app.SignedInAsync("lens@example.org");
        Assert.NotEqual(HttpStatusCode.OK, (await facilitator.GetAsync($"/admin/reseaux/{network.Id}")).StatusCode);
        Assert.False(await app.WithDbAsync((db, _) => db.Set<NetworkLogo>().AnyAsync()));
        Assert.DoesNotMatch(HomeLogo(), await app.Browser().GetStringAsync($"/reseaux/{network.Slug}"));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<p class=\"network-logo\"><img src=\"(/reseaux/logos/[0-9a-f-]{36})\" alt=\"([^\"]+)\"")]
    private static partial Regex HomeLogo();

    [GeneratedRegex("<a class=\"network-brand\" href=\"/reseaux/reseau-lensois\"><img class=\"brand-logo\" src=\"(/reseaux/logos/[0-9a-f-]{36})\" alt=\"[^\"]+\"")]
    private static partial Regex HeaderLogo();
}
