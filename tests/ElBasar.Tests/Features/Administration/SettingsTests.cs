using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ElBasar.Tests.Features.Listings.Photos;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Features.Administration.Settings;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings.Photos;

namespace ElBasar.Tests.Features.Administration;

public sealed partial class SettingsTests
{
    static Dictionary<string, string> Fields(string siteName = "elBasar", string networkName = "Réseau de l'économie sociale et solidaire",
        string primary = "#0b5d4b", string accent = "#8a3b00") => new()
    {
        ["SiteName"] = siteName, ["NetworkName"] = networkName, ["PrimaryColour"] = primary, ["AccentColour"] = accent,
    };

    [SkippableTheory, BothDatabases]
    public async Task A_fresh_install_looks_as_before_and_the_name_and_colours_an_admin_saves_appear_on_every_page(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await Admins.AdminAsync(app);
        var before = await app.CreateClient().GetStringAsync("/recherche");
        Assert.Contains("el<strong>Basar</strong>", before);
        Assert.DoesNotContain("/reglages/theme.css", before);

        var saved = await admin.SubmitAsync("/admin/reglages", Fields("Le Basar du Pays Basque", "Réseau ESS Pays Basque", "#1A4D7A", "#7a1f3d"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Les réglages sont enregistrés.", Html.VisibleText(await admin.GetStringAsync("/admin/reglages")));
        var page = await app.CreateClient().GetStringAsync("/recherche");
        Assert.Matches("<title>[^<]*Le Basar du Pays Basque</title>", page);
        Assert.Contains("aria-label=\"Le Basar du Pays Basque, accueil\"", page);
        Assert.Contains("Le Basar du Pays Basque, le marché social du réseau", Html.VisibleText(page));
        var theme = ThemeLink().Match(page);
        Assert.True(theme.Success, "The page links no theme.");
        var css = await app.CreateClient().GetAsync(theme.Groups[1].Value);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        var text = await css.Content.ReadAsStringAsync();
        Assert.Contains("--brand: #1a4d7a;", text);
        Assert.Contains("--accent: #7a1f3d;", text);
        Assert.Equal("Réseau ESS Pays Basque", await app.WithDbAsync((db, _) => HomeNetwork.NameAsync(db, default)));
        var entry = Assert.Single(await Admins.AuditAsync(app));
        Assert.Equal((AuditActions.SettingsUpdated, Admins.AdminName), (entry.Action, entry.ActorName));
        Assert.Contains("nom du site « elBasar » → « Le Basar du Pays Basque »", entry.Summary);
        Assert.Contains("couleur principale « #0b5d4b » → « #1a4d7a »", entry.Summary);
        Assert.Contains("\"after\":\"Réseau ESS Pays Basque\"", entry.Details);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_colour_that_is_not_rrggbb_or_too_light_for_white_text_is_refused_in_French_and_what_was_typed_stays(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await Admins.AdminAsync(app);

        var refused = await admin.SubmitAsync("/admin/reglages", Fields("Basar des Causses", "", "vert", "#ffcc00"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        var text = Html.VisibleText(html);
        Assert.Contains("Les réglages n'ont pas été enregistrés", text);
        Assert.Contains("La couleur principale doit s'écrire # suivi de six chiffres hexadécimaux, par exemple #0b5d4b.", text);
        Assert.Contains("La couleur d'accent #ffcc00 n'est pas assez contrastée avec le blanc (1,5:1, il faut au moins 4,5:1)", text);
        Assert.Contains("Donnez le nom du réseau, imprimé sur les reçus.", text);
        Assert.Contains("value=\"Basar des Causses\"", html);
        Assert.Contains("value=\"vert\"", html);
        Assert.Contains("value=\"#ffcc00\"", html);
        Assert.DoesNotContain("Basar des Causses", await app.CreateClient().GetStringAsync("/recherche"));
        Assert.Empty(await Admins.AuditAsync(app));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_logo_is_checked_like_an_organisation_s_then_shown_in_the_header_until_removed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await Admins.AdminAsync(app);

        var notImage = await SendLogoAsync(admin, "logo.png", "pas une image"u8.ToArray(), "image/png");
        Assert.Equal(HttpStatusCode.OK, notImage.StatusCode);
        Assert.Contains("« logo.png » :", Html.VisibleText(await notImage.Content.ReadAsStringAsync()));

        var jpeg = TestPhotos.JpegWith(TestPhotos.Comment("Pris au 12 rue des Arts"));
        Assert.Equal(HttpStatusCode.Redirect, (await SendLogoAsync(admin, "logo.jpg", jpeg, "image/jpeg")).StatusCode);
        var page = await app.CreateClient().GetStringAsync("/");
        var logo = LogoLink().Match(page);
        Assert.True(logo.Success, "The header shows no logo.");
        var served = await app.CreateClient().GetAsync(logo.Groups[1].Value);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PhotoSanitizer.Sanitize(jpeg).Photo!.Bytes, await served.Content.ReadAsByteArrayAsync());

        var removed = await admin.PostFormAsync("/admin/reglages", "/admin/reglages?handler=RemoveLogo", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotMatch(LogoLink(), await app.CreateClient().GetStringAsync("/"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(logo.Groups[1].Value)).StatusCode);
        Assert.Equal([AuditActions.LogoChanged, AuditActions.LogoChanged], (await Admins.AuditAsync(app)).Select(e => e.Action));
    }

    [Theory]
    [InlineData("#000000", 21.0)]
    [InlineData("#ffffff", 1.0)]
    [InlineData("#767676", 4.54)]
    [InlineData("#0b5d4b", 7.83)]
    public void Contrast_with_white_follows_wcag(string colour, double expected) =>
        Assert.Equal(expected, Colours.ContrastWithWhite(colour), 2);

    [Theory]
    [InlineData("#0B5D4B", "#0b5d4b")]
    [InlineData(" #123abc ", "#123abc")]
    [InlineData("#12345", null)]
    [InlineData("123456", null)]
    [InlineData("#12345g", null)]
    [InlineData(null, null)]
    public void Only_rrggbb_is_a_colour(string? typed, string? expected) => Assert.Equal(expected, Colours.Parse(typed));

    static async Task<HttpResponseMessage> SendLogoAsync(HttpClient client, string name, byte[] bytes, string type)
    {
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(await client.GetStringAsync("/admin/reglages")).Groups[1].Value);
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(part, "file", name);
        return await client.PostAsync("/admin/reglages?handler=Logo", form);
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"(/reglages/theme\\.css\\?v=[0-9a-f]+)\">")]
    private static partial Regex ThemeLink();

    [GeneratedRegex("<img class=\"brand-logo\" src=\"(/reglages/logo/[0-9a-f-]+)\"")]
    private static partial Regex LogoLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
