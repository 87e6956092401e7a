using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Features.Directory;

/// <summary>The install's own network: the default network of every organisation and listing.</summary>
public sealed class HomeNetwork(IServiceScopeFactory scopes, IOptions<SiteOptions> site, TimeProvider clock)
{
    Guid? _id;

    public async ValueTask<Guid> IdAsync(CancellationToken ct = default)
    {
        if (_id is { } id) return id;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
        _id = await db.Networks.Where(n => n.IsHome).Select(n => (Guid?)n.Id).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException("The home network is missing: run the start-up seeding first.");
        return _id.Value;
    }

    /// <summary>The home network's name, shown on receipts and in the digest.</summary>
    public static Task<string> NameAsync(ElBasarDbContext db, CancellationToken ct) =>
        db.Networks.Where(n => n.IsHome).Select(n => n.Name).SingleAsync(ct);

    /// <summary>Renames the home network; saved by the caller's SaveChanges.</summary>
    public static async Task RenameAsync(ElBasarDbContext db, string name, CancellationToken ct) =>
        (await db.Networks.SingleAsync(n => n.IsHome, ct)).Name = name;

    /// <summary>Creates the home network on a new database; called once at start, after migrations.</summary>
    public async Task EnsureAsync(ElBasarDbContext db, CancellationToken ct)
    {
        if (await db.Networks.AnyAsync(n => n.IsHome, ct)) return;
        db.Networks.Add(new Network
        {
            Slug = Network.HomeSlug,
            Name = site.Value.NetworkName,
            IsHome = true,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
    }
}
