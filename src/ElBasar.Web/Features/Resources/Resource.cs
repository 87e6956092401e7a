using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Resources;

/// <summary>
/// A document of the network's library: a study, a guide, a report, minutes, a digest. Either an
/// uploaded file (its bytes in <see cref="ResourceFile"/>) or a link to somewhere else, never both.
/// </summary>
public sealed class Resource
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    public ResourceKind Kind { get; set; }

    /// <summary>The document's own date (when it was written or published), not when it was added.</summary>
    public DateOnly PublishedOn { get; set; }

    public ResourceAudience Audience { get; set; }

    /// <summary>An http(s) address, for a document kept elsewhere; null when the resource is a file.</summary>
    public string? Link { get; set; }

    /// <summary>The file's name as downloaded (made safe, with the extension of its real type); null for a link.</summary>
    public string? FileName { get; set; }

    /// <summary>The type read from the file's bytes (<see cref="DocumentCheck"/>), never the one the browser claimed.</summary>
    public string? FileContentType { get; set; }
    public int? FileSize { get; set; }

    /// <summary>Who added it; null once that account is deleted (the resource stays for the network).</summary>
    public Guid? AddedByUserId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>The event this is a document of (its slides, its photos...), listed on the event's page.</summary>
    public Guid? EventId { get; set; }

    public List<ResourceTheme> Themes { get; init; } = [];

    public bool IsFile => FileName is not null;
}

public enum ResourceKind { Study, Guide, Report, Minutes, Digest, Other }

/// <summary>Everyone, visitors included; or the people of member organisations and the staff.</summary>
public enum ResourceAudience { Public, Members }

/// <summary>One theme of a resource (a slug of <see cref="ResourceThemes"/>).</summary>
public sealed class ResourceTheme
{
    public Guid ResourceId { get; init; }
    public required string Theme { get; init; }
}

/// <summary>An uploaded file's bytes, apart so that lists and pages never read them.</summary>
public sealed class ResourceFile
{
    public Guid ResourceId { get; init; }
    public required byte[] Bytes { get; set; }
}

/// <summary>The pages' and the API's words for kinds and audiences.</summary>
public static class ResourceWords
{
    public static string Slug(ResourceKind kind) => Infrastructure.Data.Slug.Of(kind);

    public static bool TryParseKind(string? slug, out ResourceKind kind) => Infrastructure.Data.Slug.TryParse(slug?.Trim(), out kind);

    public static string Label(ResourceKind kind) => kind switch
    {
        ResourceKind.Study => "Étude",
        ResourceKind.Guide => "Guide",
        ResourceKind.Report => "Rapport",
        ResourceKind.Minutes => "Compte rendu de réunion",
        ResourceKind.Digest => "Lettre et synthèse",
        _ => "Autre document",
    };

    public static string Slug(ResourceAudience audience) => Infrastructure.Data.Slug.Of(audience);
}

/// <summary>
/// The library's themes: a short fixed list, so that a facilitator ticks boxes instead of
/// inventing spellings, and the filter by theme finds every resource of that theme.
/// </summary>
public static class ResourceThemes
{
    public sealed record Theme(string Slug, string Label);

    public static readonly IReadOnlyList<Theme> All =
    [
        new("food", "Alimentation"),
        new("employment", "Emploi et insertion"),
        new("circular-economy", "Réemploi et économie circulaire"),
        new("mobility", "Mobilité"),
        new("energy", "Énergie et climat"),
        new("housing", "Habitat et locaux"),
        new("funding", "Financement"),
        new("purchasing", "Achats responsables"),
        new("governance", "Gouvernance et vie associative"),
        new("digital", "Numérique"),
        new("culture", "Culture"),
        new("cooperation", "Coopération entre structures"),
    ];

    public static bool Exists(string? slug) => All.Any(t => t.Slug == slug);

    public static string Label(string slug) => All.FirstOrDefault(t => t.Slug == slug)?.Label ?? slug;
}

sealed class ResourceConfiguration : IEntityTypeConfiguration<Resource>, IEntityTypeConfiguration<ResourceTheme>, IEntityTypeConfiguration<ResourceFile>
{
    public void Configure(EntityTypeBuilder<Resource> e)
    {
        e.ToTable("resources");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Summary).HasMaxLength(2000);
        e.Property(x => x.Kind).HasSlugConversion().HasMaxLength(20);
        e.Property(x => x.Audience).HasSlugConversion().HasMaxLength(20);
        e.Property(x => x.Link).HasMaxLength(2000);
        e.Property(x => x.FileName).HasMaxLength(200);
        e.Property(x => x.FileContentType).HasMaxLength(100);
        e.Ignore(x => x.IsFile);
        e.HasOne<User>().WithMany().HasForeignKey(x => x.AddedByUserId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(x => x.Themes).WithOne().HasForeignKey(t => t.ResourceId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.PublishedOn);
        e.HasIndex(x => x.AddedByUserId);
        e.HasOne<Events.Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(x => x.EventId);
    }

    public void Configure(EntityTypeBuilder<ResourceTheme> t)
    {
        t.ToTable("resource_themes");
        t.HasKey(x => new { x.ResourceId, x.Theme });
        t.Property(x => x.Theme).HasMaxLength(40);
        t.HasIndex(x => x.Theme);
    }

    public void Configure(EntityTypeBuilder<ResourceFile> f)
    {
        f.ToTable("resource_files");
        f.HasKey(x => x.ResourceId);
        f.HasOne<Resource>().WithOne().HasForeignKey<ResourceFile>(x => x.ResourceId).OnDelete(DeleteBehavior.Cascade);
    }
}
