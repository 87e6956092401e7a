using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Infrastructure.Email;

/// <summary>
/// A body shared by many messages (table <c>outbox_bodies</c>, migration 0041), written with the
/// first of them and deleted by the database with the last (a trigger on <c>outbox_messages</c>).
/// It holds placeholders, never anything about one reader.
/// </summary>
public sealed class OutboxBody
{
    public Guid Id { get; init; }

    /// <summary>The SHA-256 of the content (<see cref="SharedBody.Hash"/>): one row per content.</summary>
    public required string Hash { get; init; }
    public required string TextBody { get; init; }
    public required string HtmlBody { get; init; }
    public DateTime CreatedAt { get; init; }
}

sealed class OutboxBodyConfiguration : IEntityTypeConfiguration<OutboxBody>
{
    public void Configure(EntityTypeBuilder<OutboxBody> e)
    {
        e.ToTable("outbox_bodies");
        e.HasKey(b => b.Id);
        e.Property(b => b.Id).ValueGeneratedNever();
        e.Property(b => b.Hash).HasMaxLength(64);
        e.HasIndex(b => b.Hash).IsUnique();
    }
}
