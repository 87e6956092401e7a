using System.Net.Mail;
using System.Security.Cryptography;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Events;

/// <summary>
/// The registration rules: a place while there is one, the waiting list after, the first waiting
/// promoted (and told by mail) when someone cancels. Each change begins by bumping the event's
/// <see cref="Event.SeatsVersion"/>: on PostgreSQL that row lock makes changes to one event wait for
/// each other, on SQLite the write takes the database's one writer lock; either way the seats are
/// counted after the lock, so two people racing for the last place never both get it.
/// </summary>
public sealed class EventRegistrations(
    ElBasarDbContext db, Outbox outbox, EventMails mails, OrganizationAccess access, Networks.NetworkAudiences audiences, TimeProvider clock)
{
    /// <summary>Who asks for a place: an account (maybe for one of its organisations) or a visitor.</summary>
    public sealed record Registrant(Guid? UserId, Guid? OrganizationId, string Name, string Email);

    public enum Refusal { None, NotFound, Past, MembersOnly, NotYourOrganization, BadContact }

    public sealed record Outcome(EventRegistration? Registration, Refusal Refusal);

    /// <summary>
    /// Whether a signed-in account may come to a members' event of <paramref name="network"/>: staff, or a person of an
    /// organisation that is a member of that network or of one it shares its events with under a partnership in force.
    /// </summary>
    public async Task<bool> IsMemberAsync(Guid userId, bool staff, Guid network, CancellationToken ct)
    {
        if (staff) return true;
        var mine = await audiences.MemberNetworksAsync(userId, ct);
        return mine.Count > 0 && (await audiences.ReceivingNetworksAsync(network, Networks.Shared.Events, ct)).Intersect(mine).Any();
    }

    public async Task<Outcome> RegisterAsync(Guid eventId, Registrant who, bool staff, CancellationToken ct)
    {
        var email = who.Email.Trim();
        if (who.Name.Trim() is not { Length: > 0 and <= 200 } || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || email.Length > 256)
            return new(null, Refusal.BadContact);
        var found = await db.Set<Event>().AsNoTracking().Where(e => e.Id == eventId)
            .Select(e => new { e.StartsAt, e.Audience, e.NetworkId }).SingleOrDefaultAsync(ct);
        if (found is null) return new(null, Refusal.NotFound);
        if (found.StartsAt <= clock.GetUtcNow().UtcDateTime) return new(null, Refusal.Past);
        if (who.OrganizationId is { } org && (who.UserId is not { } uid || !await access.CanEditAsync(uid, org, ct)))
            return new(null, Refusal.NotYourOrganization);
        if (found.Audience == EventAudience.Members && (who.UserId is not { } id || !await IsMemberAsync(id, staff, found.NetworkId, ct)))
            return new(null, Refusal.MembersOnly);

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(eventId, ct);
        var capacity = await db.Set<Event>().Where(e => e.Id == eventId).Select(e => e.Capacity).SingleAsync(ct);
        var normalized = email.ToLowerInvariant();
        var registration = await db.Set<EventRegistration>().SingleOrDefaultAsync(r => r.EventId == eventId && r.Email == normalized, ct);
        if (registration is { Status: not RegistrationStatus.Cancelled })
        {
            await transaction.RollbackAsync(ct);
            return new(registration, Refusal.None);
        }
        var status = await HasSeatAsync(eventId, capacity, ct) ? RegistrationStatus.Registered : RegistrationStatus.Waitlisted;
        if (registration is null)
        {
            registration = new EventRegistration
            {
                EventId = eventId, UserId = who.UserId, OrganizationId = who.OrganizationId, Name = who.Name.Trim(), Email = normalized,
                Status = status, RequestedAt = now, Secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
            };
            db.Add(registration);
        }
        else
        {
            (registration.Status, registration.RequestedAt, registration.CancelledAt, registration.RemindedAt) = (status, now, null, null);
            (registration.Name, registration.OrganizationId) = (who.Name.Trim(), who.OrganizationId);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(registration, Refusal.None);
    }

    /// <summary>Cancels a registration; the first person waiting takes the place freed and is told by mail.</summary>
    public async Task<EventRegistration?> CancelAsync(Guid registrationId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var eventId = await db.Set<EventRegistration>().Where(r => r.Id == registrationId).Select(r => (Guid?)r.EventId).SingleOrDefaultAsync(ct);
        if (eventId is null) return null;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(eventId.Value, ct);
        var registration = await db.Set<EventRegistration>().SingleAsync(r => r.Id == registrationId, ct);
        if (registration.Status != RegistrationStatus.Cancelled)
        {
            registration.Status = RegistrationStatus.Cancelled;
            registration.CancelledAt = now;
            await db.SaveChangesAsync(ct);
            await PromoteAsync(eventId.Value, ct);
        }
        await transaction.CommitAsync(ct);
        return registration;
    }

    /// <summary>Gives freed places (a cancellation, a larger capacity) to those waiting, in the order they asked. Runs inside the caller's locked transaction.</summary>
    async Task PromoteAsync(Guid eventId, CancellationToken ct)
    {
        var ev = await db.Set<Event>().AsNoTracking().SingleAsync(e => e.Id == eventId, ct);
        while (await HasSeatAsync(eventId, ev.Capacity, ct))
        {
            var next = await db.Set<EventRegistration>().Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Waitlisted)
                .OrderBy(r => r.RequestedAt).ThenBy(r => r.Id).FirstOrDefaultAsync(ct);
            if (next is null) break;
            next.Status = RegistrationStatus.Registered;
            outbox.Add(mails.Promoted(ev, next));
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>After the capacity of an event was raised: the waiting list moves up.</summary>
    public async Task RefillAsync(Guid eventId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(eventId, ct);
        await PromoteAsync(eventId, ct);
        await transaction.CommitAsync(ct);
    }

    async Task<bool> HasSeatAsync(Guid eventId, int? capacity, CancellationToken ct) =>
        capacity is null || await db.Set<EventRegistration>().CountAsync(r => r.EventId == eventId && r.Status == RegistrationStatus.Registered, ct) < capacity;

    // The first statement of the transaction is a write: see the class summary.
    Task<int> LockAsync(Guid eventId, CancellationToken ct) =>
        db.Set<Event>().Where(e => e.Id == eventId).ExecuteUpdateAsync(s => s.SetProperty(e => e.SeatsVersion, e => e.SeatsVersion + 1), ct);
}
