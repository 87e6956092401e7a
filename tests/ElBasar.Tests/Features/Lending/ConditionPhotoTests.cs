using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ElBasar.Tests.Features.Directory;
using ElBasar.Tests.Features.Listings.Photos;
using ElBasar.Tests.Support;
using static ElBasar.Tests.Features.Lending.Lenders;

namespace ElBasar.Tests.Features.Lending;

public sealed partial class ConditionPhotoTests
{
    [SkippableTheory, BothDatabases]
    public async Task A_photo_taken_at_pickup_is_cleaned_and_shown_to_the_parties_only(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lender = await PartyAsync(app, "Recyclerie de l'Artois", "pret@artois.example.org");
        var borrower = await PartyAsync(app, "Les Jardins d'Arras", "emprunt@jardins.example.org");
        var stranger = await PartyAsync(app, "Café des Possibles", "cafe@possibles.example.org");
        var item = await lender.ItemAsync(autoApprove: true);
        var (id, _) = await ReservedAsync(await borrower.ReserveAsync(item, "2026-11-21", "2026-11-22"));
        var page = $"/pret/reservations/{id}";

        var refused = await PostWithPhotoAsync(lender.Person.Browser, page, "Checkout", "pas-une-image.jpg", "bonjour"u8.ToArray());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("« pas-une-image.jpg »", Html.VisibleText(await refused.Content.ReadAsStringAsync()));

        var photo = TestPhotos.JpegWith(TestPhotos.Comment("Appareil de Hugo"));
        Assert.Equal(HttpStatusCode.Redirect, (await PostWithPhotoAsync(lender.Person.Browser, page, "Checkout", "depart.jpg", photo)).StatusCode);
        var html = await borrower.Person.Browser.PageAsync(page);
        var src = PhotoSource().Match(html);
        Assert.True(src.Success, "The borrower sees the photo on the reservation page.");
        var served = await borrower.Person.Browser.GetAsync(src.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Appareil de Hugo", System.Text.Encoding.Latin1.GetString(await served.Content.ReadAsByteArrayAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Person.Browser.GetAsync(src.Groups[1].Value)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(src.Groups[1].Value)).StatusCode);
    }

    static async Task<HttpResponseMessage> PostWithPhotoAsync(HttpClient client, string page, string handler, string fileName, byte[] bytes)
    {
        var html = await client.GetStringAsync(page);
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" },
            { new StringContent("Bon état"), "Text" },
            { file, "photo", fileName },
        };
        return await client.PostAsync($"{page}?handler={handler}", form);
    }

    [GeneratedRegex("<img src=\"(/pret/photos/[0-9a-f-]{36})\"")]
    private static partial Regex PhotoSource();
}
