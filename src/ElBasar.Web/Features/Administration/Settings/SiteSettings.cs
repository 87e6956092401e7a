using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Administration.Settings;

/// <summary>
/// The admins' settings (table <c>site_settings</c>, one row, id 1, migration 0031). An empty value
/// means the default of <see cref="SiteIdentity"/>, so a fresh install looks as it always did.
/// </summary>
public sealed class SiteSettings
{
    public const int RowId = 1;
    public const int MaxNameLength = 100;

    public int Id { get; init; } = RowId;
    public string? SiteName { get; set; }
    public string? PrimaryColour { get; set; }
    public string? AccentColour { get; set; }
    public Guid? LogoId { get; set; }
    public DateTime UpdatedAt { get; set; }

    public SiteIdentity ToIdentity() => new(
        SiteName ?? SiteIdentity.DefaultName,
        PrimaryColour ?? SiteIdentity.DefaultPrimaryColour,
        AccentColour ?? SiteIdentity.DefaultAccentColour,
        LogoId);
}

/// <summary>The site's logo (table <c>site_logos</c>), cleaned like organisation logos; a new upload is a new row, so its address may be cached for ever.</summary>
public sealed class SiteLogo
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string ContentType { get; init; }
    public required byte[] Bytes { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public DateTime CreatedAt { get; init; }
}

sealed class SiteSettingsConfiguration : IEntityTypeConfiguration<SiteSettings>, IEntityTypeConfiguration<SiteLogo>
{
    public void Configure(EntityTypeBuilder<SiteSettings> e)
    {
        e.ToTable("site_settings");
        e.HasKey(s => s.Id);
        e.Property(s => s.Id).ValueGeneratedNever();
        e.Property(s => s.SiteName).HasMaxLength(SiteSettings.MaxNameLength);
        e.Property(s => s.PrimaryColour).HasMaxLength(7);
        e.Property(s => s.AccentColour).HasMaxLength(7);
    }

    public void Configure(EntityTypeBuilder<SiteLogo> e)
    {
        e.ToTable("site_logos");
        e.HasKey(l => l.Id);
        e.Property(l => l.Id).ValueGeneratedNever();
        e.Property(l => l.ContentType).HasMaxLength(20);
    }
}

/// <summary>
/// The settings in memory for the layout. Each web node reads them again at most
/// <see cref="Lifetime"/> after its last read, and at once after a save on this node.
/// </summary>
public sealed class SiteSettingsCache(IServiceScopeFactory scopes, TimeProvider clock) : ISiteIdentity
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    volatile Loaded? _current;

    sealed record Loaded(SiteIdentity Identity, DateTimeOffset At);

    public void Invalidate() => _current = null;

    public async ValueTask<SiteIdentity> CurrentAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (_current is { } current && now - current.At < Lifetime) return current.Identity;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
        var row = await db.Set<SiteSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == SiteSettings.RowId, ct);
        var identity = row?.ToIdentity() ?? SiteIdentity.Default;
        _current = new Loaded(identity, now);
        return identity;
    }
}
