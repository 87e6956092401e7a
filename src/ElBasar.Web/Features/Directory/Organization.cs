using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Directory;

/// <summary>A structure of the network, or a person acting on their own behalf.</summary>
public sealed class Organization
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string? ExternalId { get; set; }
    public required string Name { get; set; }
    public OrganizationKind Kind { get; set; } = OrganizationKind.Organization;
    public string? LegalForm { get; set; }
    public string? Description { get; set; }
    public List<OrganizationActivity> Activities { get; set; } = [];
    public string? CommuneInsee { get; set; }
    public string? Commune { get; set; }
    public string? PostalCode { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? Email { get; set; }
    public ContactVisibility EmailVisibility { get; set; }
    public string? Phone { get; set; }
    public ContactVisibility PhoneVisibility { get; set; }
    public string? Website { get; set; }
    public ContactVisibility WebsiteVisibility { get; set; }
    public int? Employees { get; set; }
    public OrganizationStatus Status { get; set; } = OrganizationStatus.Active;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<NetworkMembership> Networks { get; set; } = [];
}

public enum OrganizationKind { Organization, Individual }

public enum OrganizationStatus { Active, Hidden }

/// <summary>
/// Who sees a contact: everyone, or only the network's members (people of an organisation that is a
/// member of the home network) and the organisation's own people. See <see cref="OrganizationAccess"/>.
/// </summary>
public enum ContactVisibility { Public, Members }

/// <summary>A free activity tag ("épicerie solidaire"), as the organisation wrote it.</summary>
public sealed class OrganizationActivity
{
    public Guid OrganizationId { get; set; }
    public int Position { get; set; }
    public required string Label { get; set; }
}

sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> e)
    {
        e.ToTable("organizations");
        e.HasKey(o => o.Id);
        e.HasIndex(o => o.ExternalId).IsUnique();
        e.Property(o => o.ExternalId).HasMaxLength(100);
        e.Property(o => o.Name).HasMaxLength(200);
        e.Property(o => o.Kind).HasSlugConversion().HasMaxLength(20);
        e.Property(o => o.Status).HasSlugConversion().HasMaxLength(20);
        e.Property(o => o.LegalForm).HasMaxLength(40);
        e.Property(o => o.Description).HasMaxLength(10000);
        e.Property(o => o.CommuneInsee).HasMaxLength(5);
        e.Property(o => o.Commune).HasMaxLength(200);
        e.Property(o => o.PostalCode).HasMaxLength(10);
        e.Property(o => o.Email).HasMaxLength(320);
        e.Property(o => o.Phone).HasMaxLength(40);
        e.Property(o => o.Website).HasMaxLength(500);
        e.Property(o => o.EmailVisibility).HasSlugConversion().HasMaxLength(20);
        e.Property(o => o.PhoneVisibility).HasSlugConversion().HasMaxLength(20);
        e.Property(o => o.WebsiteVisibility).HasSlugConversion().HasMaxLength(20);
        e.HasIndex(o => o.CommuneInsee);
        e.HasIndex(o => o.LegalForm);
        e.OwnsMany(o => o.Activities, a =>
        {
            a.ToTable("organization_activities");
            a.WithOwner().HasForeignKey(x => x.OrganizationId);
            a.HasKey(x => new { x.OrganizationId, x.Position });
            a.Property(x => x.Position).ValueGeneratedNever();
            a.Property(x => x.Label).HasMaxLength(100);
            a.HasIndex(x => x.Label);
        });
        e.HasMany(o => o.Networks).WithOne().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
