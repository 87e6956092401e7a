using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Networks;

/// <summary>The header's "Réseau : …" choice, for a signed-in person whose organisations belong to several networks.</summary>
public sealed class NetworkSwitcher(ElBasarDbContext db, NetworkAudiences audiences, CurrentNetwork current)
{
    public sealed record Choice(NetworkRef Current, IReadOnlyList<NetworkRef> Networks);

    /// <summary>Null when there is nothing to choose: signed out, or in one network only.</summary>
    public async Task<Choice?> ChoicesAsync(HttpContext http, CancellationToken ct = default)
    {
        if (http.User.Identity?.IsAuthenticated != true) return null;
        var mine = await audiences.MemberNetworksAsync(http.User, ct);
        if (mine.Count < 2) return null;
        var networks = await db.Networks.AsNoTracking().Where(n => mine.Contains(n.Id))
            .OrderByDescending(n => n.IsHome).ThenBy(n => n.Name)
            .Select(n => new NetworkRef(n.Id, n.Slug, n.Name, n.IsHome)).ToListAsync(ct);
        return new Choice(await current.ResolveAsync(http, ct), networks);
    }

    /// <summary>Remembers the choice in a cookie, if the person belongs to that network; false otherwise.</summary>
    public async Task<bool> ChooseAsync(HttpContext http, string? slug, CancellationToken ct)
    {
        var mine = await audiences.MemberNetworksAsync(http.User, ct);
        if (slug is null || !await db.Networks.AnyAsync(n => n.Slug == slug && mine.Contains(n.Id), ct)) return false;
        http.Response.Cookies.Append(CurrentNetwork.CookieName, slug!, new CookieOptions
        {
            HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromDays(365),
        });
        return true;
    }
}
