using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Events;

/// <summary>
/// A meeting of the network: an apéro, an itinerant apéro at a member's premises, a breakfast, a
/// thematic meeting, a training, a fair. Times are stored in UTC and typed and shown in Paris time.
/// </summary>
public sealed class Event
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Title { get; set; }
    public EventKind Kind { get; set; }
    public string Description { get; set; } = "";
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }

    /// <summary>Where, as people read it: an address, or the premises of <see cref="HostOrganizationId"/>.</summary>
    public required string Place { get; set; }

    /// <summary>The member whose premises welcome the event (itinerant apéros), if any.</summary>
    public Guid? HostOrganizationId { get; set; }
    public Organization? HostOrganization { get; set; }

    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    /// <summary>Seats; null for no limit. Never more registered than this (<see cref="EventRegistrations"/>).</summary>
    public int? Capacity { get; set; }

    public EventAudience Audience { get; set; }

    /// <summary>The network it was announced in: its calendar shows it, and those of the partners it is shared with (README.md).</summary>
    public Guid NetworkId { get; set; }

    /// <summary>For itinerant apéros: what the host shows and what guests bring to show their products.</summary>
    public string? HostBrings { get; set; }
    public string? GuestsBring { get; set; }

    /// <summary>Written after the event: the minutes, in Markdown, with links to the documents.</summary>
    public string? Minutes { get; set; }

    /// <summary>Who announced it; null once that account is deleted (the event stays for the network).</summary>
    public Guid? CreatedByUserId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Bumped by every registration and cancellation: the write that serialises them (<see cref="EventRegistrations"/>).</summary>
    public int SeatsVersion { get; set; }

    public List<EventRegistration> Registrations { get; init; } = [];
}

public enum EventKind { Apero, ItinerantApero, Breakfast, Meeting, Training, Fair, Other }

/// <summary>Who may register: the people of member organisations (and staff), or anyone, visitors included.</summary>
public enum EventAudience { Members, Everyone }

public enum RegistrationStatus { Registered, Waitlisted, Cancelled }

/// <summary>One person's place at an event, for themselves or on behalf of one of their organisations.</summary>
public sealed class EventRegistration
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EventId { get; init; }

    /// <summary>The account, or null for a visitor who gave a name and an e-mail address.</summary>
    public Guid? UserId { get; init; }
    public Guid? OrganizationId { get; set; }
    public required string Name { get; set; }
    public required string Email { get; set; }
    public RegistrationStatus Status { get; set; }

    /// <summary>When the person (last) asked for a place: the waiting list's order.</summary>
    public DateTime RequestedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    public DateTime? RemindedAt { get; set; }

    /// <summary>The key of a visitor's link to cancel; never shown to anyone else.</summary>
    public required string Secret { get; init; }
}

/// <summary>The API's and the pages' words for kinds and audiences (contracts/interfaces.md).</summary>
public static class EventWords
{
    public static string Slug(EventKind kind) => kind switch
    {
        EventKind.Apero => "apero",
        EventKind.ItinerantApero => "itinerant-apero",
        EventKind.Breakfast => "breakfast",
        EventKind.Meeting => "meeting",
        EventKind.Training => "training",
        EventKind.Fair => "fair",
        _ => "other",
    };

    public static bool TryParseKind(string? slug, out EventKind kind)
    {
        foreach (var k in Enum.GetValues<EventKind>())
        {
            if (string.Equals(Slug(k), slug?.Trim(), StringComparison.OrdinalIgnoreCase)) { kind = k; return true; }
        }
        kind = default;
        return false;
    }

    public static string Label(EventKind kind) => kind switch
    {
        EventKind.Apero => "Apéro du réseau",
        EventKind.ItinerantApero => "Apéro itinérant",
        EventKind.Breakfast => "Petit-déjeuner",
        EventKind.Meeting => "Rencontre thématique",
        EventKind.Training => "Formation",
        EventKind.Fair => "Salon",
        _ => "Autre rendez-vous",
    };

    public static string Slug(EventAudience audience) => audience == EventAudience.Everyone ? "everyone" : "members";

    public static string Slug(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Registered => "registered",
        RegistrationStatus.Waitlisted => "waitlisted",
        _ => "cancelled",
    };
}

sealed class EventConfiguration : IEntityTypeConfiguration<Event>, IEntityTypeConfiguration<EventRegistration>
{
    public void Configure(EntityTypeBuilder<Event> e)
    {
        e.ToTable("events");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Kind).HasConversion(v => EventWords.Slug(v), v => ParseKind(v)).HasMaxLength(30);
        e.Property(x => x.Audience).HasSlugConversion().HasMaxLength(20);
        e.Property(x => x.Place).HasMaxLength(300);
        e.Property(x => x.HostBrings).HasMaxLength(2000);
        e.Property(x => x.GuestsBring).HasMaxLength(2000);
        e.HasOne(x => x.HostOrganization).WithMany().HasForeignKey(x => x.HostOrganizationId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<User>().WithMany().HasForeignKey(x => x.CreatedByUserId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(x => x.Registrations).WithOne().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Network>().WithMany().HasForeignKey(x => x.NetworkId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.StartsAt);
        e.HasIndex(x => x.NetworkId);
        e.HasIndex(x => x.HostOrganizationId);
        e.HasIndex(x => x.CreatedByUserId);
    }

    public void Configure(EntityTypeBuilder<EventRegistration> r)
    {
        r.ToTable("event_registrations");
        r.HasKey(x => x.Id);
        r.Property(x => x.Id).ValueGeneratedNever();
        r.Property(x => x.Name).HasMaxLength(200);
        r.Property(x => x.Email).HasMaxLength(256);
        r.Property(x => x.Status).HasSlugConversion().HasMaxLength(20);
        r.Property(x => x.Secret).HasMaxLength(64);
        r.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        r.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.SetNull);
        // One row per person and event: registering again after cancelling takes the row back.
        r.HasIndex(x => new { x.EventId, x.Email }).IsUnique();
        r.HasIndex(x => x.UserId);
        r.HasIndex(x => x.OrganizationId);
    }

    static EventKind ParseKind(string value) => EventWords.TryParseKind(value, out var kind) ? kind : EventKind.Other;
}
