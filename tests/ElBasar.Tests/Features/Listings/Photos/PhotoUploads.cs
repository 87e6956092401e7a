using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Listings.Photos;
using Microsoft.EntityFrameworkCore;
using ElBasar.Web.Features.Listings;

namespace ElBasar.Tests.Features.Listings.Photos;

/// <summary>Photos sent through the real form of <c>/annonces/{id}/photos</c>, as a browser sends them.</summary>
static partial class PhotoUploads
{
    public static string PagePath(Guid listingId) => $"/annonces/{listingId}/photos";

    /// <summary>Posts the files in one multipart form; the antiforgery token comes from <paramref name="tokenFrom"/> (the photos page by default).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, Guid listingId, IEnumerable<(string Name, byte[] Bytes, string Type)> files, string? tokenFrom = null)
    {
        var token = await TokenAsync(client, tokenFrom ?? PagePath(listingId));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, bytes, type) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(part, "files", name);
        }
        return await client.PostAsync($"{PagePath(listingId)}?handler=Upload", form);
    }

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, Guid listingId, params (string Name, byte[] Bytes, string Type)[] files) =>
        client.UploadAsync(listingId, files.AsEnumerable());

    /// <summary>Posts one of the page's small forms (describe, move, remove) for a photo.</summary>
    public static async Task<HttpResponseMessage> PhotoActionAsync(this HttpClient client, Guid listingId, string handler, Guid photoId, IDictionary<string, string>? fields = null)
    {
        var token = await TokenAsync(client, PagePath(listingId));
        var body = new Dictionary<string, string>(fields ?? new Dictionary<string, string>()) { ["__RequestVerificationToken"] = token, ["photoId"] = photoId.ToString() };
        return await client.PostAsync($"{PagePath(listingId)}?handler={handler}", new FormUrlEncodedContent(body));
    }

    public static Task<List<(Guid Id, int Position, string? Description)>> StoredAsync(TestApp app, Guid listingId) =>
        app.WithDbAsync((db, _) => db.ListingPhotos.Where(p => p.ListingId == listingId).OrderBy(p => p.Position)
            .Select(p => new ValueTuple<Guid, int, string?>(p.Id, p.Position, p.Description)).ToListAsync());

    static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {page}.");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
