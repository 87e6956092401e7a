using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Networks;

/// <summary>A network as pages name it.</summary>
public sealed record NetworkRef(Guid Id, string Slug, string Name, bool IsHome)
{
    /// <summary>Its home page: <c>/</c> for the home network, <c>/reseaux/{slug}</c> for the others.</summary>
    public string HomePath => IsHome ? "/" : "/reseaux/" + Slug;
}

/// <summary>
/// The network a request is in, for search and publishing: the one whose host name the request
/// came to; else, for a signed-in member, the one chosen in the header's switcher (a cookie),
/// if they still belong to it; else the home network.
/// </summary>
public sealed class CurrentNetwork(ElBasarDbContext db, NetworkHosts hosts, NetworkAudiences audiences)
{
    public const string CookieName = "elbasar-reseau";

    NetworkRef? _resolved;

    public async Task<NetworkRef> ResolveAsync(HttpContext http, CancellationToken ct) =>
        _resolved ??= await ChosenAsync(http, ct) ?? await HomeAsync(db, ct);

    /// <summary>The network the host name or the switcher chose; null when neither did, so the header asks on every page without reading the home network.</summary>
    public async Task<NetworkRef?> ChosenAsync(HttpContext http, CancellationToken ct)
    {
        if (_resolved is not null) return _resolved;
        if (await hosts.FindAsync(http.Request.Host.Host, ct) is { } byHost) return _resolved = byHost;
        if (http.Request.Cookies[CookieName] is { Length: > 0 and <= 60 } slug && http.User.Identity?.IsAuthenticated == true)
        {
            var chosen = await db.Networks.AsNoTracking().Where(n => n.Slug == slug)
                .Select(n => new NetworkRef(n.Id, n.Slug, n.Name, n.IsHome)).FirstOrDefaultAsync(ct);
            if (chosen is not null && (await audiences.MemberNetworksAsync(http.User, ct)).Contains(chosen.Id)) return _resolved = chosen;
        }
        return null;
    }

    /// <summary>The network a page's <c>?reseau=</c> names, else the current one; null when <paramref name="slug"/> names none.</summary>
    public async Task<NetworkRef?> NamedOrCurrentAsync(HttpContext http, string? slug, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(slug)) return await ResolveAsync(http, ct);
        var wanted = slug.Trim();
        return await db.Networks.AsNoTracking().Where(n => n.Slug == wanted).Select(n => new NetworkRef(n.Id, n.Slug, n.Name, n.IsHome)).FirstOrDefaultAsync(ct);
    }

    public static Task<NetworkRef> HomeAsync(ElBasarDbContext db, CancellationToken ct) =>
        db.Networks.AsNoTracking().Where(n => n.IsHome).Select(n => new NetworkRef(n.Id, n.Slug, n.Name, n.IsHome)).SingleAsync(ct);
}

/// <summary>The networks that have a host name, read again at most every minute (several web nodes share the database).</summary>
public sealed class NetworkHosts(IServiceScopeFactory scopes, TimeProvider clock)
{
    static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    readonly Lock _lock = new();
    Dictionary<string, NetworkRef>? _byHost;
    DateTimeOffset _readAt;

    public async ValueTask<NetworkRef?> FindAsync(string host, CancellationToken ct)
    {
        var map = await MapAsync(ct);
        return map.Count > 0 && map.TryGetValue(host.ToLowerInvariant(), out var network) ? network : null;
    }

    /// <summary>After an admin changes a host name: this node reads them again at once.</summary>
    public void Forget()
    {
        lock (_lock) _byHost = null;
    }

    async ValueTask<Dictionary<string, NetworkRef>> MapAsync(CancellationToken ct)
    {
        lock (_lock)
        {
            if (_byHost is { } known && clock.GetUtcNow() - _readAt < Lifetime) return known;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
        var map = (await db.Networks.AsNoTracking().Where(n => n.HostName != null)
                .Select(n => new { n.HostName, Ref = new NetworkRef(n.Id, n.Slug, n.Name, n.IsHome) }).ToListAsync(ct))
            .ToDictionary(n => n.HostName!, n => n.Ref);
        lock (_lock)
        {
            (_byHost, _readAt) = (map, clock.GetUtcNow());
        }
        return map;
    }
}
