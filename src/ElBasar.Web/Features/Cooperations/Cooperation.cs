using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Cooperations;

/// <summary>
/// A cooperation between organisations of the directory, described as the departmental guide to
/// cooperation practices does: its kind, sector, territory, origin, composition and governance,
/// stakes, "travailler ensemble c'est…", a contact, and its dates.
/// </summary>
public sealed class Cooperation
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Title { get; set; }
    public CooperationKind Kind { get; set; }

    /// <summary>A category slug of the taxonomy (contracts/taxonomy.json).</summary>
    public required string Sector { get; set; }

    public TerritoryLevel TerritoryLevel { get; set; }

    /// <summary>The INSEE code of the région, département or commune, or the SIREN of the EPCI.</summary>
    public required string TerritoryCode { get; set; }

    /// <summary>Partners outside the directory (a commune, a firm), one per line, as typed.</summary>
    public string? OutsidePartners { get; set; }

    public string Origin { get; set; } = "";
    public string Governance { get; set; } = "";
    public string Stakes { get; set; } = "";
    public string WorkingTogether { get; set; } = "";

    public required string ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }

    public DateOnly StartsOn { get; set; }

    /// <summary>The last day; null while the cooperation goes on.</summary>
    public DateOnly? EndsOn { get; set; }

    /// <summary>Who recorded it; null once that account is deleted (the record stays for the network).</summary>
    public Guid? CreatedByUserId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }

    public List<CooperationParticipant> Participants { get; init; } = [];
}

/// <summary>The four kinds of cooperation of the departmental guide.</summary>
public enum CooperationKind { Pooling, ProjectPartnership, EssCollective, MixedGrouping }

public enum TerritoryLevel { Region, Departement, Epci, Commune }

/// <summary>An organisation of the directory taking part in a cooperation.</summary>
public sealed class CooperationParticipant
{
    public Guid CooperationId { get; init; }
    public Guid OrganizationId { get; init; }
    public Organization? Organization { get; init; }
}

/// <summary>The API's slugs and the pages' French words for kinds and statuses.</summary>
public static class CooperationWords
{
    public static string Slug(CooperationKind kind) => kind switch
    {
        CooperationKind.Pooling => "pooling",
        CooperationKind.ProjectPartnership => "project-partnership",
        CooperationKind.EssCollective => "ess-collective",
        _ => "mixed-grouping",
    };

    public static string Label(CooperationKind kind) => kind switch
    {
        CooperationKind.Pooling => "Mutualisation de moyens",
        CooperationKind.ProjectPartnership => "Partenariat de projet",
        CooperationKind.EssCollective => "Collectif d'acteurs de l'ESS",
        _ => "Groupement d'acteurs de l'ESS avec entreprises et collectivités",
    };

    public static bool TryParseKind(string? slug, out CooperationKind kind)
    {
        foreach (var k in Enum.GetValues<CooperationKind>())
        {
            if (string.Equals(Slug(k), slug?.Trim(), StringComparison.OrdinalIgnoreCase)) { kind = k; return true; }
        }
        kind = default;
        return false;
    }

    public static string Slug(CooperationStatus status) => status switch
    {
        CooperationStatus.Upcoming => "upcoming",
        CooperationStatus.Ongoing => "ongoing",
        _ => "ended",
    };

    public static string Label(CooperationStatus status) => status switch
    {
        CooperationStatus.Upcoming => "À venir",
        CooperationStatus.Ongoing => "En cours",
        _ => "Terminée",
    };

    public static bool TryParseStatus(string? slug, out CooperationStatus status)
    {
        foreach (var s in Enum.GetValues<CooperationStatus>())
        {
            if (string.Equals(Slug(s), slug?.Trim(), StringComparison.OrdinalIgnoreCase)) { status = s; return true; }
        }
        status = default;
        return false;
    }
}

/// <summary>Derived from the dates and today (Paris): never stored.</summary>
public enum CooperationStatus { Upcoming, Ongoing, Ended }

sealed class CooperationConfiguration : IEntityTypeConfiguration<Cooperation>, IEntityTypeConfiguration<CooperationParticipant>
{
    public void Configure(EntityTypeBuilder<Cooperation> e)
    {
        e.ToTable("cooperations");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Kind).HasConversion(v => CooperationWords.Slug(v), v => ParseKind(v)).HasMaxLength(30);
        e.Property(x => x.Sector).HasMaxLength(40);
        e.Property(x => x.TerritoryLevel).HasSlugConversion().HasMaxLength(20);
        e.Property(x => x.TerritoryCode).HasMaxLength(10);
        e.Property(x => x.OutsidePartners).HasMaxLength(2000);
        e.Property(x => x.Origin).HasMaxLength(4000);
        e.Property(x => x.Governance).HasMaxLength(4000);
        e.Property(x => x.Stakes).HasMaxLength(4000);
        e.Property(x => x.WorkingTogether).HasMaxLength(4000);
        e.Property(x => x.ContactName).HasMaxLength(200);
        e.Property(x => x.ContactEmail).HasMaxLength(320);
        e.Property(x => x.ContactPhone).HasMaxLength(40);
        e.HasOne<User>().WithMany().HasForeignKey(x => x.CreatedByUserId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(x => x.Participants).WithOne().HasForeignKey(p => p.CooperationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.StartsOn, x.EndsOn });
        e.HasIndex(x => x.CreatedByUserId);
    }

    public void Configure(EntityTypeBuilder<CooperationParticipant> p)
    {
        p.ToTable("cooperation_participants");
        p.HasKey(x => new { x.CooperationId, x.OrganizationId });
        p.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        p.HasIndex(x => x.OrganizationId);
    }

    static CooperationKind ParseKind(string value) => CooperationWords.TryParseKind(value, out var kind) ? kind : CooperationKind.Pooling;
}
