using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Membership.Import;

/// <summary>
/// An uploaded members' spreadsheet waiting between the upload, the mapping, the preview and the
/// import (table <c>member_import_files</c>, migration 0030): kept in the database so any web node
/// serves the next step; removed once imported, or a day after its upload.
/// </summary>
/// <remarks>Read with projections when the bytes are not needed.</remarks>
public sealed class MemberImportFile
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string FileName { get; init; }
    public required byte[] Content { get; init; }
    public Guid? UploadedById { get; init; }
    public DateTime UploadedAt { get; init; }
}

/// <summary>What a members' spreadsheet knows of an organisation and its profile does not show: SIRET, street address, contact person.</summary>
public sealed class MemberDetails
{
    public Guid OrganizationId { get; init; }
    public string? Siret { get; set; }
    public string? Address { get; set; }
    public string? ContactName { get; set; }
    public DateTime UpdatedAt { get; set; }

    public const int MaxAddressLength = 300;
    public const int MaxContactLength = 200;
}

sealed class MemberImportConfiguration : IEntityTypeConfiguration<MemberImportFile>, IEntityTypeConfiguration<MemberDetails>
{
    public void Configure(EntityTypeBuilder<MemberImportFile> e)
    {
        e.ToTable("member_import_files");
        e.HasKey(f => f.Id);
        e.Property(f => f.Id).ValueGeneratedNever();
        e.Property(f => f.FileName).HasMaxLength(200);
        e.HasIndex(f => f.UploadedAt);
        e.HasOne<User>().WithMany().HasForeignKey(f => f.UploadedById).OnDelete(DeleteBehavior.SetNull);
    }

    public void Configure(EntityTypeBuilder<MemberDetails> e)
    {
        e.ToTable("member_details");
        e.HasKey(d => d.OrganizationId);
        e.Property(d => d.OrganizationId).ValueGeneratedNever();
        e.Property(d => d.Siret).HasMaxLength(14);
        e.HasIndex(d => d.Siret).IsUnique();
        e.Property(d => d.Address).HasMaxLength(MemberDetails.MaxAddressLength);
        e.Property(d => d.ContactName).HasMaxLength(MemberDetails.MaxContactLength);
        e.HasOne<Organization>().WithMany().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class MemberImportData
{
    extension(ElBasarDbContext db)
    {
        public DbSet<MemberImportFile> MemberImportFiles => db.Set<MemberImportFile>();
        public DbSet<MemberDetails> MemberDetails => db.Set<MemberDetails>();
    }
}
