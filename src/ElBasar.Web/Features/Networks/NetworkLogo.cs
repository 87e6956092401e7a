using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings.Photos;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Networks;

/// <summary>
/// A network's logo (table <c>network_logos</c>, migration 0046), cleaned like organisation logos and
/// kept in the database so that every web node serves it. A new upload is a new row with a new id,
/// so a logo's address never changes its content and may be cached for ever.
/// </summary>
/// <remarks>Read with projections: loading the entity loads its bytes.</remarks>
public sealed class NetworkLogo
{
    public const int MaxAltTextLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid NetworkId { get; init; }
    public required string ContentType { get; init; }
    public required byte[] Bytes { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }

    /// <summary>What the logo says, for people who do not see it (its <c>alt</c>).</summary>
    public required string AltText { get; init; }

    public DateTime CreatedAt { get; init; }
}

sealed class NetworkLogoConfiguration : IEntityTypeConfiguration<NetworkLogo>
{
    public void Configure(EntityTypeBuilder<NetworkLogo> e)
    {
        e.ToTable("network_logos");
        e.HasKey(l => l.Id);
        e.Property(l => l.Id).ValueGeneratedNever();
        e.Property(l => l.ContentType).HasMaxLength(20);
        e.Property(l => l.AltText).HasMaxLength(NetworkLogo.MaxAltTextLength);
        e.HasOne<Network>().WithMany().HasForeignKey(l => l.NetworkId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(l => l.NetworkId).IsUnique();
    }
}

/// <summary>A network's logo without its bytes: its address is <see cref="Path"/>.</summary>
public sealed record NetworkLogoInfo(Guid Id, int Width, int Height, string AltText)
{
    public string Path => $"/reseaux/logos/{Id}";
}

/// <summary>Finds, replaces, removes and serves networks' logos.</summary>
public static class NetworkLogos
{
    public static Task<NetworkLogoInfo?> FindAsync(ElBasarDbContext db, Guid networkId, CancellationToken ct) =>
        db.Set<NetworkLogo>().AsNoTracking().Where(l => l.NetworkId == networkId)
            .Select(l => new NetworkLogoInfo(l.Id, l.Width, l.Height, l.AltText)).FirstOrDefaultAsync(ct);

    /// <summary>The default text of a logo when the admin gives none: the network's name says what a logo says.</summary>
    public static string DefaultAltText(string networkName) => $"Logo du réseau {networkName}";

    /// <summary>Replaces the network's logo with a cleaned image; the caller saves.</summary>
    public static async Task ReplaceAsync(ElBasarDbContext db, Guid networkId, CleanPhoto image, string altText, DateTime now, CancellationToken ct)
    {
        await db.Set<NetworkLogo>().Where(l => l.NetworkId == networkId).ExecuteDeleteAsync(ct);
        db.Set<NetworkLogo>().Add(new NetworkLogo
        {
            NetworkId = networkId, ContentType = image.ContentType, Bytes = image.Bytes, Width = image.Width, Height = image.Height,
            AltText = altText, CreatedAt = now,
        });
    }

    /// <summary>Removes the network's logo; true if it had one.</summary>
    public static async Task<bool> RemoveAsync(ElBasarDbContext db, Guid networkId, CancellationToken ct) =>
        await db.Set<NetworkLogo>().Where(l => l.NetworkId == networkId).ExecuteDeleteAsync(ct) > 0;

    /// <summary><c>GET /reseaux/logos/{id}</c>: a network is public, so is its logo; served as organisation logos are.</summary>
    public static IEndpointRouteBuilder MapNetworkLogos(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reseaux/logos/{id:guid}", ServeAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    static async Task<IResult> ServeAsync(Guid id, HttpContext http, ElBasarDbContext db, CancellationToken ct)
    {
        var contentType = await db.Set<NetworkLogo>().Where(l => l.Id == id).Select(l => l.ContentType).FirstOrDefaultAsync(ct);
        if (contentType is null)
        {
            http.Response.Headers.CacheControl = "no-store";
            return Results.NotFound();
        }
        return await PhotoEndpoint.ServeImageAsync(http, id, true, contentType,
            () => db.Set<NetworkLogo>().Where(l => l.Id == id).Select(l => l.Bytes).FirstOrDefaultAsync(ct));
    }
}
