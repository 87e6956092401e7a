using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Accounts;

/// <summary>
/// A personal access token: lets a program act through the API as the account that made it.
/// Only the SHA-256 of the token is kept; the token itself is shown once, when it is made.
/// </summary>
public sealed class PersonalAccessToken
{
    public const int MaxNameLength = 100;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}

sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> e)
    {
        e.ToTable("personal_access_tokens");
        e.HasKey(t => t.Id);
        e.Property(t => t.Name).HasMaxLength(PersonalAccessToken.MaxNameLength);
        e.Property(t => t.TokenHash).HasMaxLength(64);
        e.HasIndex(t => t.TokenHash).IsUnique();
        e.HasIndex(t => t.UserId);
        // A deleted account takes its tokens with it.
        e.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class AccountsData
{
    extension(ElBasarDbContext db)
    {
        public DbSet<PersonalAccessToken> PersonalAccessTokens => db.Set<PersonalAccessToken>();
    }
}
