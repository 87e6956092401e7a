using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Networks;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Events;

/// <summary>
/// Which network's calendar a request reads (the one named by its short address, else the current network) and the
/// networks whose events it shows to this reader: its own, and those its partners share with it (README.md).
/// </summary>
public sealed class EventCalendars(ElBasarDbContext db, CurrentNetwork current, NetworkAudiences audiences)
{
    /// <summary>The calendar's network, or null when <paramref name="slug"/> names none.</summary>
    public async Task<NetworkRef?> NetworkAsync(HttpContext http, string? slug, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(slug)) return await current.ResolveAsync(http, ct);
        var wanted = slug.Trim();
        return await db.Networks.AsNoTracking().Where(n => n.Slug == wanted).Select(n => new NetworkRef(n.Id, n.Slug, n.Name, n.IsHome)).FirstOrDefaultAsync(ct);
    }

    /// <summary>The networks whose events show on that calendar for this reader, or null when <paramref name="slug"/> names no network.</summary>
    public async Task<IReadOnlyList<Guid>?> NetworksAsync(HttpContext http, string? slug, CancellationToken ct) =>
        await NetworkAsync(http, slug, ct) is { } network ? await audiences.EventNetworksOnAsync(http.User, network.Id, ct) : null;

    /// <summary>A short address as a message repeats it: at most 40 characters.</summary>
    public static string Shown(string? slug) => slug is { Length: > 40 } ? slug[..40] + "…" : slug ?? "";
}
