using System.Net.Http.Headers;
using System.Text.Json;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Federation;

/// <summary>
/// Reads one partner's listings feed from its cursor and applies it: an upsert adds or refreshes a
/// <see cref="RemoteListing"/>, a delete removes it. Each page is saved with the cursor that follows
/// it, in one transaction, so a failure half-way loses nothing and repeats nothing. A line that is
/// not a listing (bad JSON, a missing field) is skipped and counted; an answer that is not a feed
/// (an error status, another content type, a timeout) stops the read with a French reason.
/// </summary>
public sealed class FeedSubscription(ElBasarDbContext db, IHttpClientFactory http, TimeProvider clock, ILogger<FeedSubscription> logger)
{
    public const string HttpClientName = "federation";
    public const int PageSize = 500;

    /// <summary>Pages read in one pass at most; the rest waits for the next pass.</summary>
    public const int MaxPages = 40;

    public sealed record Outcome(int Upserts, int Deletes, int Skipped, string? Error);

    public async Task<Outcome> SyncAsync(Guid partnerId, CancellationToken ct)
    {
        var partner = await db.PartnerInstallations.SingleAsync(p => p.Id == partnerId, ct);
        var client = http.CreateClient(HttpClientName);
        var (upserts, deletes, skipped) = (0, 0, 0);
        for (var page = 0; page < MaxPages; page++)
        {
            var url = $"{partner.BaseUrl}/api/v1/feed/listings?limit={PageSize}"
                + (partner.Cursor is { Length: > 0 } cursor ? $"&since={Uri.EscapeDataString(cursor)}" : "");
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (partner.ApiKey is { Length: > 0 } key) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            string body;
            string next;
            bool more;
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                if (!response.IsSuccessStatusCode)
                    return new Outcome(upserts, deletes, skipped, $"Le site partenaire a répondu {(int)response.StatusCode} {response.ReasonPhrase}.");
                if (response.Content.Headers.ContentType?.MediaType != FeedApi.ContentType)
                    return new Outcome(upserts, deletes, skipped, "Le site partenaire n'a pas répondu par un flux elBasar (JSON Lines).");
                if (!response.Headers.TryGetValues(FeedApi.CursorHeader, out var cursors) || !FeedCursor.TryParse(cursors.FirstOrDefault(), out _))
                    return new Outcome(upserts, deletes, skipped, "Le flux du site partenaire ne donne pas de curseur valide.");
                next = cursors.First();
                more = response.Headers.TryGetValues(FeedApi.MoreHeader, out var mores) && mores.FirstOrDefault() == "true";
                body = await response.Content.ReadAsStringAsync(ct);
            }
            catch (HttpRequestException ex)
            {
                return new Outcome(upserts, deletes, skipped, $"Le site partenaire est injoignable : {ex.Message}");
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                return new Outcome(upserts, deletes, skipped, "Le site partenaire n'a pas répondu à temps.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                switch (await ApplyAsync(partner, line, now, ct))
                {
                    case FeedRecords.Upsert: upserts++; break;
                    case FeedRecords.Delete: deletes++; break;
                    default: skipped++; break;
                }
            }
            partner.Cursor = next;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            if (!more) break;
        }
        if (skipped > 0) logger.LogWarning("Feed of {Partner}: {Skipped} lines skipped", partner.BaseUrl, skipped);
        return new Outcome(upserts, deletes, skipped, null);
    }

    /// <summary>Applies one line; returns its op, or null when the line was skipped.</summary>
    async Task<string?> ApplyAsync(PartnerInstallation partner, string line, DateTime now, CancellationToken ct)
    {
        ListingRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<ListingRecord>(line, FeedRecords.Json);
        }
        catch (JsonException)
        {
            return null;
        }
        if (record is not { ExternalId: { Length: > 0 and <= 100 } remoteId }) return null;
        var existing = await db.RemoteListings.SingleOrDefaultAsync(r => r.PartnerId == partner.Id && r.RemoteId == remoteId, ct);
        if (record.Op == FeedRecords.Delete)
        {
            if (existing is not null) db.RemoteListings.Remove(existing);
            return FeedRecords.Delete;
        }
        if (record.Op != FeedRecords.Upsert
            || record.Kind is not ("offer" or "demand")
            || record.Title is not { Length: > 0 } title || record.Category is not { Length: > 0 } category
            || !Uri.TryCreate(record.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return null;

        var listing = existing ?? new RemoteListing
        {
            PartnerId = partner.Id, RemoteId = remoteId, RemoteUrl = "", Kind = "", Title = "", Category = "",
        };
        listing.RemoteUrl = Cut(url.AbsoluteUri, 500)!;
        listing.Kind = record.Kind;
        listing.Title = Cut(title, 150)!;
        listing.Description = Cut(record.Description, 10000);
        listing.Category = Cut(category, 40)!;
        listing.Modes = Cut(string.Join(' ', (record.ExchangeModes ?? []).Where(m => m.Length is > 0 and <= 40 && !m.Contains(' '))), 500)!;
        listing.Price = record.Price is >= 0 and < 1_000_000_000 ? Math.Round(record.Price.Value, 2) : null;
        listing.CommuneInsee = record.CommuneInsee is { Length: 5 } insee ? insee : null;
        listing.Commune = Cut(record.Commune, 200);
        (listing.Latitude, listing.Longitude) = record is { Latitude: >= -90 and <= 90, Longitude: >= -180 and <= 180 }
            ? (record.Latitude, record.Longitude) : (null, null);
        listing.OrganizationName = Cut(record.OrganizationName, 200);
        listing.CreatedAt = Utc(record.CreatedAt) ?? now;
        listing.ExpiresAt = Utc(record.ExpiresAt);
        listing.ReceivedAt = now;
        listing.SearchText = SearchAnalyzer.AnalyzeDocument($"{listing.Title} {listing.Description}");
        if (existing is null) db.RemoteListings.Add(listing);
        return FeedRecords.Upsert;
    }

    static string? Cut(string? text, int max) => text is null ? null : text.Length <= max ? text : text[..max];

    static DateTime? Utc(DateTime? value) => value is { } v ? (v.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : v.ToUniversalTime()) : null;

    /// <summary>The base address as kept: absolute http(s), no query, no trailing slash; null when it is not one.</summary>
    public static string? NormalizeBaseUrl(string? text)
    {
        if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            return null;
        return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }
}
