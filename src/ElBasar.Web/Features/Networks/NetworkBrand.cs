using ElBasar.Web.Infrastructure.Data;

namespace ElBasar.Web.Features.Networks;

/// <summary>
/// The header's mark of the current network (its host name or the switcher's choice): its logo, or its
/// name, linking to its home page. Nothing for the home network, whose mark is the site's own.
/// </summary>
public sealed class NetworkBrand(ElBasarDbContext db, CurrentNetwork current)
{
    public sealed record Mark(NetworkRef Network, NetworkLogoInfo? Logo);

    public async Task<Mark?> CurrentAsync(HttpContext http, CancellationToken ct)
    {
        try
        {
            if (await current.ChosenAsync(http, ct) is not { IsHome: false } network) return null;
            return new Mark(network, await NetworkLogos.FindAsync(db, network.Id, ct));
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            // The layout also frames the "database unavailable" page: without the database, the site's own mark alone.
            return null;
        }
    }
}
