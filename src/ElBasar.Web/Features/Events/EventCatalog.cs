using System.Security.Claims;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Events;

/// <summary>
/// What an event is made of and who manages it: facilitators announce any event; the people of a
/// member organisation announce the events their organisation hosts. Whoever announced it, the
/// host's people and the staff see and export the attendees.
/// </summary>
public sealed class EventCatalog(ElBasarDbContext db, OrganizationAccess access, EventRegistrations registrations, TimeProvider clock)
{
    /// <summary>What is typed to announce or change an event, by the page or the API (times as UTC instants).</summary>
    public sealed record Fields(
        string? Title, string? Kind, string? Description, DateTime? StartsAt, DateTime? EndsAt, string? Place,
        Guid? HostOrganizationId, double? Latitude, double? Longitude, int? Capacity, string? Audience,
        string? HostBrings, string? GuestsBring, string? Minutes);

    /// <summary>The organisations the person may announce an event at: those they belong to that are members of a network.</summary>
    public async Task<IReadOnlyList<UserOrganization>> HostsForAsync(Guid userId, CancellationToken ct)
    {
        var mine = await access.OrganizationsOfAsync(userId, ct);
        var ids = mine.Select(o => o.Id).ToList();
        var members = await db.NetworkMemberships.Where(m => m.IsMember && ids.Contains(m.OrganizationId)).Select(m => m.OrganizationId).ToListAsync(ct);
        return mine.Where(o => members.Contains(o.Id)).ToList();
    }

    public async Task<bool> MayAnnounceAsync(ClaimsPrincipal user, CancellationToken ct) =>
        AccountPolicies.IsStaff(user) || OrganizationAccess.UserIdOf(user) is { } id && (await HostsForAsync(id, ct)).Count > 0;

    public async Task<bool> MayManageAsync(ClaimsPrincipal user, Event ev, CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(user) is not { } userId) return false;
        if (AccountPolicies.IsStaff(user) || ev.CreatedByUserId == userId) return true;
        return ev.HostOrganizationId is { } host && await access.CanEditAsync(userId, host, ct);
    }

    /// <summary>Checks the fields, keyed by the API's field names; null when they make an event.</summary>
    public async Task<Dictionary<string, string[]>> CheckAsync(ClaimsPrincipal user, Fields f, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];
        if (f.Title?.Trim() is not { Length: > 0 and <= 200 }) Add("title", "Donnez un titre (200 caractères au plus).");
        if (!EventWords.TryParseKind(f.Kind, out _)) Add("kind", "Choisissez le genre de rendez-vous.");
        if (f.StartsAt is null) Add("startsAt", "Indiquez le début.");
        if (f.EndsAt is null) Add("endsAt", "Indiquez la fin.");
        else if (f.StartsAt is { } s && f.EndsAt <= s) Add("endsAt", "La fin doit venir après le début.");
        if (f.Place?.Trim() is not { Length: > 0 and <= 300 } && f.HostOrganizationId is null) Add("place", "Indiquez le lieu (une adresse, ou la structure qui accueille).");
        if (f.Capacity is < 1 or > 100_000) Add("capacity", "Le nombre de places va de 1 à 100 000 (laissez vide pour ne pas limiter).");
        if (f.Audience is not (null or "" or "members" or "everyone")) Add("audience", "Le public est « members » ou « everyone ».");
        // Written as ranges the value must be in, so that NaN is refused too.
        if (f.Latitude is { } lat && lat is not (>= -90 and <= 90) || f.Longitude is { } lon && lon is not (>= -180 and <= 180)
            || (f.Latitude is null) != (f.Longitude is null))
            Add("latitude", "Le point sur la carte n'est pas valable.");
        if (f.Description?.Length > 10_000) Add("description", "La description est trop longue (10 000 caractères au plus).");
        if (f.HostBrings?.Length > 2000 || f.GuestsBring?.Length > 2000) Add("guestsBring", "2 000 caractères au plus.");
        if (f.HostOrganizationId is { } host)
        {
            var allowed = AccountPolicies.IsStaff(user)
                ? await db.Organizations.AnyAsync(o => o.Id == host && o.Status == OrganizationStatus.Active, ct)
                : OrganizationAccess.UserIdOf(user) is { } id && (await HostsForAsync(id, ct)).Any(o => o.Id == host);
            if (!allowed) Add("hostOrganizationId", "Vous ne pouvez pas annoncer un rendez-vous chez cette structure.");
        }
        else if (!AccountPolicies.IsStaff(user)) Add("hostOrganizationId", "Choisissez la structure qui accueille le rendez-vous.");
        return errors;
    }

    /// <summary>
    /// Creates the event in <paramref name="currentNetwork"/> (the person's current network) when its host is a member
    /// of it, or when the staff announce it without a host; in the home network otherwise. The fields must have passed
    /// <see cref="CheckAsync"/>.
    /// </summary>
    public async Task<Event> CreateAsync(ClaimsPrincipal user, Fields f, Guid currentNetwork, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var inCurrent = f.HostOrganizationId is not { } host
            || await db.NetworkMemberships.AnyAsync(m => m.NetworkId == currentNetwork && m.OrganizationId == host && m.IsMember, ct);
        var ev = new Event
        {
            Title = "", Place = "", CreatedByUserId = OrganizationAccess.UserIdOf(user)!.Value, CreatedAt = now,
            NetworkId = inCurrent ? currentNetwork : await db.Networks.Where(n => n.IsHome).Select(n => n.Id).SingleAsync(ct),
        };
        await ApplyAsync(ev, f, now, ct);
        db.Add(ev);
        await db.SaveChangesAsync(ct);
        return ev;
    }

    public async Task UpdateAsync(Event ev, Fields f, CancellationToken ct)
    {
        var before = ev.Capacity;
        await ApplyAsync(ev, f, clock.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        if (ev.Capacity is null || ev.Capacity > before) await registrations.RefillAsync(ev.Id, ct);
    }

    async Task ApplyAsync(Event ev, Fields f, DateTime now, CancellationToken ct)
    {
        EventWords.TryParseKind(f.Kind, out var kind);
        ev.Title = f.Title!.Trim();
        ev.Kind = kind;
        ev.Description = f.Description?.Trim() ?? "";
        ev.StartsAt = f.StartsAt!.Value;
        ev.EndsAt = f.EndsAt!.Value;
        ev.HostOrganizationId = f.HostOrganizationId;
        ev.Capacity = f.Capacity;
        ev.Audience = f.Audience == "everyone" ? EventAudience.Everyone : EventAudience.Members;
        ev.HostBrings = Blank(f.HostBrings);
        ev.GuestsBring = Blank(f.GuestsBring);
        ev.Minutes = Blank(f.Minutes);
        (ev.Latitude, ev.Longitude) = (f.Latitude, f.Longitude);
        var place = f.Place?.Trim();
        if (f.HostOrganizationId is { } host)
        {
            // At a member's premises: its address and its point on the map unless others were given.
            var org = await db.Organizations.AsNoTracking().Where(o => o.Id == host)
                .Select(o => new { o.Name, o.PostalCode, o.Commune, o.Latitude, o.Longitude }).SingleAsync(ct);
            if (string.IsNullOrEmpty(place))
                place = string.Join(", ", new[] { org.Name, $"{org.PostalCode} {org.Commune}".Trim() }.Where(p => !string.IsNullOrWhiteSpace(p)));
            if (ev.Latitude is null) (ev.Latitude, ev.Longitude) = (org.Latitude, org.Longitude);
        }
        ev.Place = place!.Length > 300 ? place[..300] : place;
        ev.UpdatedAt = now;
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>An event as lists and the API show it, with the network it was announced in.</summary>
    public sealed record Summary(
        Guid Id, string Title, EventKind Kind, DateTime StartsAt, DateTime EndsAt, string Place, Guid? HostOrganizationId, string? HostName,
        double? Latitude, double? Longitude, int? Capacity, EventAudience Audience, int Registered, int Waitlisted, Guid NetworkId, string NetworkName);

    public IQueryable<Summary> Summaries(IQueryable<Event> events)
    {
        var networks = db.Networks;
        return events.Select(e => new Summary(
            e.Id, e.Title, e.Kind, e.StartsAt, e.EndsAt, e.Place, e.HostOrganizationId, e.HostOrganization!.Name, e.Latitude, e.Longitude,
            e.Capacity, e.Audience,
            e.Registrations.Count(r => r.Status == RegistrationStatus.Registered),
            e.Registrations.Count(r => r.Status == RegistrationStatus.Waitlisted),
            e.NetworkId, networks.Where(n => n.Id == e.NetworkId).Select(n => n.Name).First()));
    }

    /// <summary>The events of <paramref name="networks"/> (a calendar's, <c>NetworkAudiences.EventNetworksOnAsync</c>).</summary>
    public IQueryable<Event> Of(IReadOnlyList<Guid> networks) => db.Set<Event>().AsNoTracking().Where(e => networks.Contains(e.NetworkId));

    /// <summary>Events of <paramref name="networks"/> not over yet, soonest first.</summary>
    public Task<List<Summary>> UpcomingAsync(IReadOnlyList<Guid> networks, int take, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return Summaries(Of(networks).Where(e => e.EndsAt > now).OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(take)).ToListAsync(ct);
    }

    public Task<List<Summary>> PastAsync(IReadOnlyList<Guid> networks, int take, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return Summaries(Of(networks).Where(e => e.EndsAt <= now).OrderByDescending(e => e.StartsAt).ThenBy(e => e.Id).Take(take)).ToListAsync(ct);
    }

    public Task<Summary?> SummaryAsync(Guid id, CancellationToken ct) =>
        Summaries(db.Set<Event>().AsNoTracking().Where(e => e.Id == id)).SingleOrDefaultAsync(ct);

    public Task<Event?> FindAsync(Guid id, CancellationToken ct) =>
        db.Set<Event>().Include(e => e.HostOrganization).SingleOrDefaultAsync(e => e.Id == id, ct);
}
