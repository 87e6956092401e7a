using System.Text;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Lending;

/// <summary>
/// iCalendar feeds to subscribe to from any calendar: <c>/items/{id}.ics</c>, public, the days an
/// item is taken or blocked with nobody's name; and one per organisation with all its lendings and
/// borrowings, named, at a private address whose key only the organisation's people are shown.
/// </summary>
public static class LendingFeeds
{
    const string ContentType = "text/calendar; charset=utf-8";
    const string Purpose = "ElBasar.Lending.OrganizationFeed";

    public static IEndpointRouteBuilder MapLendingFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/items/{id:guid}.ics", ItemFeedAsync).ExcludeFromDescription();
        app.MapGet("/structures/{id:guid}/prets.ics", OrganizationFeedAsync).ExcludeFromDescription();
        app.MapGet("/pret/photos/{id:guid}", ConditionPhotoAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>The private key of an organisation's feed.</summary>
    public static string KeyOf(IDataProtectionProvider protection, Guid organizationId) =>
        protection.CreateProtector(Purpose).Protect(organizationId.ToString("N"));

    static bool Verify(IDataProtectionProvider protection, Guid organizationId, string? key)
    {
        if (string.IsNullOrEmpty(key)) return false;
        try
        {
            return protection.CreateProtector(Purpose).Unprotect(key) == organizationId.ToString("N");
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    static async Task<IResult> ItemFeedAsync(Guid id, ElBasarDbContext db, Networks.NetworkAudiences audiences, TimeProvider clock, HttpContext http,
        CancellationToken ct)
    {
        var item = await (await LendingApi.VisibleAnywhereAsync(db, audiences, http.User, ct)).AsNoTracking().Include(i => i.Listing).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return Results.NotFound();
        var today = ReservationCalendar.Today(clock.GetUtcNow());
        var since = today.AddDays(-90);
        var calendar = new ICalendar($"{item.Listing!.Title} (elBasar)", clock.GetUtcNow().UtcDateTime);
        var reservations = await db.Reservations.AsNoTracking()
            .Where(r => r.ItemId == id && r.To >= since && (r.Status == ReservationStatus.Pending || r.Status == ReservationStatus.Confirmed
                || r.Status == ReservationStatus.Lent || r.Status == ReservationStatus.Returned))
            .OrderBy(r => r.From).ToListAsync(ct);
        var link = $"{http.Request.Scheme}://{http.Request.Host}/pret/{id}";
        foreach (var r in reservations)
            calendar.AllDay($"reservation-{r.Id:N}@elbasar", r.From, r.To,
                $"{item.Listing.Title} : {StatusLabel(r.Status)}{(item.Quantity > 1 ? " (1 sur " + item.Quantity + ")" : "")}",
                url: link, tentative: r.Status == ReservationStatus.Pending);
        var blocked = await db.LendingBlocks.AsNoTracking().Where(b => b.ItemId == id && b.Day >= since).OrderBy(b => b.Day).Select(b => b.Day).ToListAsync(ct);
        foreach (var (from, to) in Runs(blocked))
            calendar.AllDay($"block-{id:N}-{from:yyyyMMdd}@elbasar", from, to, $"{item.Listing.Title} : indisponible", url: link);
        return Results.Text(calendar.ToString(), ContentType, Encoding.UTF8);
    }

    static async Task<IResult> OrganizationFeedAsync(Guid id, string? cle, ElBasarDbContext db, IDataProtectionProvider protection,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (!Verify(protection, id, cle)) return Results.NotFound();
        var name = await db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => o.Name).SingleOrDefaultAsync(ct);
        if (name is null) return Results.NotFound();
        var since = ReservationCalendar.Today(clock.GetUtcNow()).AddDays(-365);
        var organizations = db.Set<Organization>();
        var rows = await db.Reservations.AsNoTracking()
            .Where(r => (r.Item!.OrganizationId == id || r.BorrowerOrganizationId == id) && r.To >= since
                        && r.Status != ReservationStatus.Declined && r.Status != ReservationStatus.Cancelled)
            .OrderBy(r => r.From)
            .Select(r => new { r.Id, r.From, r.To, r.Status, r.BorrowerName, r.Item!.OrganizationId, r.Item.Listing!.Title,
                Lender = organizations.Where(o => o.Id == r.Item.OrganizationId).Select(o => o.Name).First() })
            .ToListAsync(ct);
        var calendar = new ICalendar($"Prêts de {name} (elBasar)", clock.GetUtcNow().UtcDateTime);
        var origin = $"{http.Request.Scheme}://{http.Request.Host}";
        foreach (var r in rows)
        {
            var lending = r.OrganizationId == id;
            var summary = lending ? $"Prêt : {r.Title} à {r.BorrowerName}" : $"Emprunt : {r.Title} chez {r.Lender}";
            calendar.AllDay($"reservation-{r.Id:N}@elbasar", r.From, r.To, summary, $"{StatusLabel(r.Status)}", $"{origin}/pret/reservations/{r.Id}",
                tentative: r.Status == ReservationStatus.Pending);
        }
        http.Response.Headers.CacheControl = "private, no-cache";
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        return Results.Text(calendar.ToString(), ContentType, Encoding.UTF8);
    }

    /// <summary>A condition photo, for the reservation's parties only (others get 404).</summary>
    static async Task<IResult> ConditionPhotoAsync(Guid id, HttpContext http, ElBasarDbContext db, LoanDesk desk, CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(http.User) is not { } userId) return Results.NotFound();
        var photo = await db.ConditionPhotos.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.ReservationId, p.ContentType }).SingleOrDefaultAsync(ct);
        if (photo is null || await desk.FindForPartyAsync(userId, photo.ReservationId, ct) is null) return Results.NotFound();
        return await Listings.Photos.PhotoEndpoint.ServeImageAsync(http, id, isPublic: false, photo.ContentType,
            () => db.ConditionPhotos.AsNoTracking().Where(p => p.Id == id).Select(p => p.Bytes).SingleOrDefaultAsync(ct));
    }

    public static string StatusLabel(ReservationStatus status) => status switch
    {
        ReservationStatus.Pending => "demande en attente",
        ReservationStatus.Confirmed => "réservé",
        ReservationStatus.Lent => "en prêt",
        ReservationStatus.Returned => "rendu",
        ReservationStatus.Declined => "déclinée",
        _ => "annulée",
    };

    /// <summary>Consecutive days as ranges.</summary>
    static IEnumerable<(DateOnly From, DateOnly To)> Runs(IReadOnlyList<DateOnly> days)
    {
        for (var i = 0; i < days.Count;)
        {
            var j = i;
            while (j + 1 < days.Count && days[j + 1] == days[j].AddDays(1)) j++;
            yield return (days[i], days[j]);
            i = j + 1;
        }
    }
}
