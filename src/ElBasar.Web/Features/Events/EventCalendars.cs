using ElBasar.Web.Features.Networks;

namespace ElBasar.Web.Features.Events;

/// <summary>
/// Which network's calendar a request reads (the one named by its short address, else the current network) and the
/// networks whose events it shows to this reader: its own, and those its partners share with it (README.md).
/// </summary>
public sealed class EventCalendars(CurrentNetwork current, NetworkAudiences audiences)
{
    /// <summary>The calendar's network, or null when <paramref name="slug"/> names none.</summary>
    public Task<NetworkRef?> NetworkAsync(HttpContext http, string? slug, CancellationToken ct) => current.NamedOrCurrentAsync(http, slug, ct);

    /// <summary>The networks whose events show on that calendar for this reader, or null when <paramref name="slug"/> names no network.</summary>
    public async Task<IReadOnlyList<Guid>?> NetworksAsync(HttpContext http, string? slug, CancellationToken ct) =>
        await NetworkAsync(http, slug, ct) is { } network ? await audiences.EventNetworksOnAsync(http.User, network.Id, ct) : null;

    /// <summary>A short address as a message repeats it: at most 40 characters.</summary>
    public static string Shown(string? slug) => slug is { Length: > 40 } ? slug[..40] + "…" : slug ?? "";
}
