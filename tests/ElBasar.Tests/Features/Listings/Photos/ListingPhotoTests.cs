using System.Net;
using System.Text;
using ElBasar.Tests.Features.Directory;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Listings.Photos;
using static ElBasar.Tests.Features.Listings.Photos.TestPhotos;

namespace ElBasar.Tests.Features.Listings.Photos;

/// <summary>Listing photos end to end: the photos page, <c>GET /photos/{id}</c>, the gallery and the cards.</summary>
public sealed class ListingPhotoTests
{
    const string OwnerEmail = "responsable@roue-libre.example.org";

    [SkippableTheory, BothDatabases]
    public async Task Photos_are_served_without_their_metadata_with_their_type_from_their_bytes_and_nosniff(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (listing, owner) = await ListingWithOwnerAsync(app);
        var jpeg = JpegWith(Exif(orientation: 1), Xmp, Comment("Chez Jeanne Dupont, 12 rue des Postes"));
        var png = PngWith(Chunk("eXIf", Exif(orientation: 1)[10..]), Chunk("tEXt", "Author\0Jeanne Dupont"));
        var webp = WebPOf(Vp8X(ExifFlag), Vp8L, RiffChunk("EXIF", Exif(orientation: 1)[10..]));

        // Browsers may claim anything: the type comes from the bytes.
        var upload = await owner.UploadAsync(listing.Id,
            ("IMG_2041.JPG", jpeg, "application/octet-stream"), ("plan.png", png, "image/jpeg"), ("tonnelle.webp", webp, "image/webp"));

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var stored = await PhotoUploads.StoredAsync(app, listing.Id);
        Assert.Equal([0, 1, 2], stored.Select(p => p.Position));
        var visitor = app.CreateClient();
        foreach (var (photo, original, type) in stored.Zip([(jpeg, "image/jpeg"), (png, "image/png"), (webp, "image/webp")], (p, o) => (p, o.Item1, o.Item2)))
        {
            var response = await visitor.GetAsync($"/photos/{photo.Id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.ToString());
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal($"\"{photo.Id:N}\"", response.Headers.ETag?.Tag);
            Assert.False(response.Headers.ETag!.IsWeak);
            Assert.Equal("public, max-age=31536000, immutable", string.Join(", ", response.Headers.GetValues("Cache-Control")));
            var served = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(PhotoSanitizer.Sanitize(original).Photo!.Bytes, served);
            Assert.False(Contains(served, "Exif") || Contains(served, "EXIF") || Contains(served, "Jeanne") || Contains(served, "GPS") || Contains(served, "Elb\0"),
                $"Metadata left in the served {type}.");
        }

        // The id is the version: asking again with its ETag costs nothing.
        var again = new HttpRequestMessage(HttpMethod.Get, $"/photos/{stored[0].Id}");
        again.Headers.IfNoneMatch.Add(new($"\"{stored[0].Id:N}\""));
        Assert.Equal(HttpStatusCode.NotModified, (await visitor.SendAsync(again)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/photos/{Guid.CreateVersion7()}")).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_file_named_jpg_that_is_HTML_or_SVG_is_refused_by_name_and_the_good_ones_are_kept(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (listing, owner) = await ListingWithOwnerAsync(app);

        var response = await owner.UploadAsync(listing.Id,
            ("vacances.jpg", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"), "image/jpeg"),
            ("logo.jpg", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"), "image/jpeg"),
            ("tonnelle.png", Png(3, 2), "image/png"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Html.VisibleText(await response.Content.ReadAsStringAsync());
        Assert.Contains("« vacances.jpg » : Ce fichier n'est pas une image JPEG, PNG ou WebP.", text);
        Assert.Contains("« logo.jpg » : Ce fichier n'est pas une image JPEG, PNG ou WebP.", text);
        Assert.Contains("La photo a été ajoutée.", text);
        Assert.Single(await PhotoUploads.StoredAsync(app, listing.Id));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_sixth_photo_is_refused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (listing, owner) = await ListingWithOwnerAsync(app);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.UploadAsync(listing.Id,
            Enumerable.Range(1, 5).Select(i => ($"photo-{i}.png", Png(i, 1), "image/png")))).StatusCode);

        var response = await owner.UploadAsync(listing.Id, ("photo-6.png", Png(6, 1), "image/png"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("« photo-6.png » : Cette annonce a déjà 5 photos, le maximum : retirez-en une pour en ajouter une autre.",
            Html.VisibleText(await response.Content.ReadAsStringAsync()));
        Assert.Equal(5, (await PhotoUploads.StoredAsync(app, listing.Id)).Count);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_6_MB_photo_gets_the_French_message_and_not_a_server_error(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (listing, owner) = await ListingWithOwnerAsync(app);
        var huge = Concat(Jpeg, new byte[6 * 1024 * 1024]);

        var response = await owner.UploadAsync(listing.Id, ("IMG_0001.jpg", huge, "image/jpeg"), ("petite.png", Png(), "image/png"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("« IMG_0001.jpg » : La photo dépasse 5 Mo : réduisez-la avant de l'envoyer.", Html.VisibleText(await response.Content.ReadAsStringAsync()));
        Assert.Single(await PhotoUploads.StoredAsync(app, listing.Id));
    }

    [SkippableTheory, BothDatabases]
    public async Task Only_the_people_of_the_listing_organisation_manage_its_photos(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (listing, owner) = await ListingWithOwnerAsync(app);
        await owner.UploadAsync(listing.Id, ("tonnelle.png", Png(), "image/png"));
        var photo = (await PhotoUploads.StoredAsync(app, listing.Id))[0].Id;
        var other = await new OrganizationBuilder().Named("La Cyclerie d'à côté").SaveAsync(app);
        var (stranger, strangerId) = await SignedIn.PersonAsync(app, "voisin@cyclerie.example.org");
        await SignedIn.AddAsync(app, other.Id, strangerId, OrganizationRole.Owner);

        var visitor = await app.Browser().GetAsync(PhotoUploads.PagePath(listing.Id));
        Assert.Equal(HttpStatusCode.Redirect, visitor.StatusCode);
        Assert.StartsWith("/compte/connexion", visitor.Headers.Location?.OriginalString.Replace("http://localhost", ""));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(PhotoUploads.PagePath(listing.Id))).StatusCode);
        // With a valid antiforgery token of their own, their posts find nothing either.
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.UploadAsync(listing.Id, [("x.png", Png(), "image/png")], tokenFrom: "/compte")).StatusCode);
        var token = System.Text.RegularExpressions.Regex.Match(await stranger.GetStringAsync("/compte"), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var remove = await stranger.PostAsync($"{PhotoUploads.PagePath(listing.Id)}?handler=Remove", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["photoId"] = photo.ToString() }));
        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
        Assert.Single(await PhotoUploads.StoredAsync(app, listing.Id));
        // An editor of the organisation may.
        var (editor, editorId) = await SignedIn.PersonAsync(app, "benevole@roue-libre.example.org");
        await SignedIn.AddAsync(app, listing.OrganizationId, editorId, OrganizationRole.Editor);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync(PhotoUploads.PagePath(listing.Id))).StatusCode);
    }

    [SkippableTheory]
    [InlineData("sqlite", ListingStatus.Hidden)]
    [InlineData("sqlite", ListingStatus.Draft)]
    [InlineData("postgresql", ListingStatus.Hidden)]
    [InlineData("postgresql", ListingStatus.Draft)]
    public async Task Photos_of_a_listing_the_public_cannot_see_are_shown_only_to_its_people_and_the_staff(string provider, ListingStatus status)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (listing, owner) = await ListingWithOwnerAsync(app);
        await owner.UploadAsync(listing.Id, ("tonnelle.png", Png(), "image/png"));
        var photo = $"/photos/{(await PhotoUploads.StoredAsync(app, listing.Id))[0].Id}";
        await app.WithDbAsync(async db =>
        {
            (await db.Listings.FindAsync(listing.Id))!.Status = status;
            await db.SaveChangesAsync();
        });
        var other = await new OrganizationBuilder().Named("La Cyclerie d'à côté").SaveAsync(app);
        var (stranger, strangerId) = await SignedIn.PersonAsync(app, "voisin@cyclerie.example.org");
        await SignedIn.AddAsync(app, other.Id, strangerId, OrganizationRole.Owner);
        var (facilitator, _) = await SignedIn.PersonAsync(app, "animation@reseau.example.org", role: SiteRoles.Facilitator);

        var anonymous = await app.CreateClient().GetAsync(photo);
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Equal("no-store", string.Join(", ", anonymous.Headers.GetValues("Cache-Control")));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(photo)).StatusCode);
        var own = await owner.GetAsync(photo);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.True(own.Headers.CacheControl is { Private: true, NoCache: true, Public: false }, "Kept out of shared caches, checked on each use.");
        Assert.Equal(HttpStatusCode.OK, (await facilitator.GetAsync(photo)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(PhotoUploads.PagePath(listing.Id))).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task Photos_are_described_reordered_and_removed_and_shown_in_that_order(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (listing, owner) = await ListingWithOwnerAsync(app);
        await owner.UploadAsync(listing.Id, ("a.png", Png(1, 1), "image/png"), ("b.png", Png(2, 1), "image/png"), ("c.png", Png(3, 1), "image/png"));
        var (a, b, c) = (await PhotoUploads.StoredAsync(app, listing.Id)) switch { var s => (s[0].Id, s[1].Id, s[2].Id) };

        Assert.Equal(HttpStatusCode.Redirect, (await owner.PhotoActionAsync(listing.Id, "Move", c, new Dictionary<string, string> { ["direction"] = "up" })).StatusCode);
        Assert.Equal([a, c, b], (await PhotoUploads.StoredAsync(app, listing.Id)).Select(p => p.Id));
        await owner.PhotoActionAsync(listing.Id, "Move", a, new Dictionary<string, string> { ["direction"] = "down" });
        await owner.PhotoActionAsync(listing.Id, "Move", b, new Dictionary<string, string> { ["direction"] = "down" });   // already last
        Assert.Equal([c, a, b], (await PhotoUploads.StoredAsync(app, listing.Id)).Select(p => p.Id));
        await owner.PhotoActionAsync(listing.Id, "Describe", c, new Dictionary<string, string> { ["description"] = "  Tonnelle  blanche dépliée " });
        var tooLong = await owner.PhotoActionAsync(listing.Id, "Describe", a, new Dictionary<string, string> { ["description"] = new string('x', 201) });
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains("La description d'une photo tient en 200 caractères au plus.", Html.VisibleText(await tooLong.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PhotoActionAsync(listing.Id, "Remove", a)).StatusCode);

        var stored = await PhotoUploads.StoredAsync(app, listing.Id);
        Assert.Equal([(c, 0, "Tonnelle blanche dépliée"), (b, 1, null)], stored);
        var page = await app.GetPageAsync($"/annonces/{listing.Id}");
        Assert.Contains($"<img src=\"/photos/{c}\" alt=\"Tonnelle blanche d&#xE9;pli&#xE9;e\" width=\"3\" height=\"1\" loading=\"eager\"", page);
        Assert.Contains($"<img src=\"/photos/{b}\" alt=\"Photo 2 de l&#x27;annonce &#xAB; Pr&#xEA;t d&#x27;une tonnelle 3x3 m &#xBB;\" width=\"2\" height=\"1\" loading=\"lazy\"", page);
        Assert.True(page.IndexOf($"/photos/{c}", StringComparison.Ordinal) < page.IndexOf($"/photos/{b}", StringComparison.Ordinal));
        // The first photo is the thumbnail of the listing's cards.
        Assert.Contains($"<img class=\"thumb\" src=\"/photos/{c}\"", await app.GetPageAsync("/"));
        Assert.Contains($"<img class=\"thumb\" src=\"/photos/{c}\"", await app.GetPageAsync("/recherche?q=tonnelle"));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_listing_page_offers_its_people_a_link_to_the_photos_page(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (listing, owner) = await ListingWithOwnerAsync(app);

        Assert.Contains($"href=\"/annonces/{listing.Id}/photos\"", await owner.PageAsync($"/annonces/{listing.Id}"));
        Assert.DoesNotContain($"/annonces/{listing.Id}/photos", await app.GetPageAsync($"/annonces/{listing.Id}"));
    }

    static async Task<(Listing Listing, HttpClient Owner)> ListingWithOwnerAsync(TestApp app)
    {
        var organization = await new OrganizationBuilder().SaveAsync(app);
        var listing = await new ListingBuilder(organization).SaveAsync(app);
        var (owner, ownerId) = await SignedIn.PersonAsync(app, OwnerEmail);
        await SignedIn.AddAsync(app, organization.Id, ownerId, OrganizationRole.Owner);
        return (listing, owner);
    }
}
