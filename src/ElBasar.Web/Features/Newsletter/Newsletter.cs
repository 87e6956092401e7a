using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Newsletter;

/// <summary>
/// Someone who receives one network's monthly digest: a member account (a row is made for each
/// account of the network when its digest is sent, so that it can opt out) or a person of the
/// public who confirmed their address (double opt-in). One row per network and address.
/// </summary>
public sealed class Subscriber
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The network whose digest this is (those subscribed before networks had digests: the home network).</summary>
    public Guid NetworkId { get; init; }
    public required string Email { get; set; }
    public string? Name { get; set; }
    public Guid? UserId { get; init; }
    public SubscriberStatus Status { get; set; }

    /// <summary>Signs this subscriber's confirmation and unsubscribe links; never leaves the server.</summary>
    public required string Secret { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ConfirmedAt { get; set; }
    public DateTime? UnsubscribedAt { get; set; }
}

/// <summary>Pending: asked on the public form, address not confirmed yet.</summary>
public enum SubscriberStatus { Pending, Active, Unsubscribed }

/// <summary>One network's digest of one month: composed automatically, edited by a facilitator, then sent once to every subscriber of that network.</summary>
public sealed class NewsletterIssue
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The network whose digest this is.</summary>
    public Guid NetworkId { get; init; }

    /// <summary>"2026-11": the month whose offers, demands and new members it tells.</summary>
    public required string Month { get; init; }
    public required string Subject { get; set; }

    /// <summary>The facilitator's word, in Markdown (raw HTML is not rendered).</summary>
    public string Editorial { get; set; } = "";

    /// <summary>Listings taken out of the selection, as space-separated ids.</summary>
    public string ExcludedListings { get; set; } = "";
    public IssueStatus Status { get; set; }
    public DateTime? ScheduledAt { get; set; }

    /// <summary>The digest as sent, frozen when sending starts: the archive and every copy read it.</summary>
    public string? Html { get; set; }
    public string? Text { get; set; }

    /// <summary>True once every subscriber of the moment has a delivery row.</summary>
    public bool Enlisted { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

public enum IssueStatus { Draft, Scheduled, Sending, Sent }

/// <summary>One copy of an issue for one subscriber: queued once in the outbox (its key is the pair).</summary>
public sealed class NewsletterDelivery
{
    public Guid IssueId { get; init; }
    public Guid SubscriberId { get; init; }
    public DateTime? QueuedAt { get; set; }
}

sealed class NewsletterConfiguration :
    IEntityTypeConfiguration<Subscriber>, IEntityTypeConfiguration<NewsletterIssue>, IEntityTypeConfiguration<NewsletterDelivery>
{
    public void Configure(EntityTypeBuilder<Subscriber> e)
    {
        e.ToTable("newsletter_subscribers");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Email).HasMaxLength(256);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Status).HasSlugConversion().HasMaxLength(20);
        e.Property(x => x.Secret).HasMaxLength(64);
        e.HasIndex(x => new { x.NetworkId, x.Email }).IsUnique();
        e.HasIndex(x => new { x.NetworkId, x.UserId }).IsUnique();
        e.HasIndex(x => x.UserId);
        e.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Network>().WithMany().HasForeignKey(x => x.NetworkId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<NewsletterIssue> e)
    {
        e.ToTable("newsletter_issues");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Month).HasMaxLength(7);
        e.HasIndex(x => new { x.NetworkId, x.Month }).IsUnique();
        e.HasOne<Network>().WithMany().HasForeignKey(x => x.NetworkId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Subject).HasMaxLength(200);
        e.Property(x => x.Status).HasSlugConversion().HasMaxLength(20);
    }

    public void Configure(EntityTypeBuilder<NewsletterDelivery> e)
    {
        e.ToTable("newsletter_deliveries");
        e.HasKey(x => new { x.IssueId, x.SubscriberId });
        e.HasOne<NewsletterIssue>().WithMany().HasForeignKey(x => x.IssueId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Subscriber>().WithMany().HasForeignKey(x => x.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.SubscriberId);
        e.HasIndex(x => new { x.IssueId, x.SubscriberId }, "ix_newsletter_deliveries_pending").HasFilter("queued_at IS NULL");
    }
}
