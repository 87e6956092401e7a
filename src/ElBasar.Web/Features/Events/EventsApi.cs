using System.Globalization;
using System.Security.Claims;
using System.Text;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Events;

/// <summary>
/// Events in the API and as calendars (contracts/interfaces.md, "Network life"):
/// <c>GET/POST /api/v1/events</c>, <c>POST /api/v1/events/{id}/registrations</c>,
/// <c>/events/{id}.ics</c>, <c>/events.ics</c>; and the organiser's CSV of attendees.
/// </summary>
public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/events").WithTags("Events");
        group.MapGet("/", ListAsync).AllowAnonymous()
            .WithSummary("A network's calendar (network=slug, else the current network): upcoming events, soonest first (past=true: past events, latest first).");
        group.MapPost("/", CreateAsync).RequireAuthorization().WithSummary("Announces an event (facilitators, or the people of the hosting member).");
        group.MapPost("/{id:guid}/registrations", RegisterAsync).RequireAuthorization()
            .WithSummary("Registers the account, or one of its organisations: registered, or waitlisted when full.");
        app.MapGet("/events.ics", AllCalendarAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/events/{id:guid}.ics", CalendarAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/evenements/{id:guid}/inscrits.csv", AttendeesCsvAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    public sealed record HostDto(Guid Id, string Name);

    public sealed record EventDto(
        Guid Id, string Title, string Kind, string? Description, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Place,
        HostDto? HostOrganization, double? Latitude, double? Longitude, int? Capacity, string Audience, int Registered, int Waitlisted,
        string Url, string CalendarUrl, NetworkDto Network);

    /// <summary>The network an event was announced in: another one's when a partner shares it.</summary>
    public sealed record NetworkDto(Guid Id, string Name);

    public sealed record EventList(int Total, List<EventDto> Items);

    public sealed record EventInput(
        string? Title, string? Kind, string? Description, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Place,
        Guid? HostOrganizationId, double? Latitude, double? Longitude, int? Capacity, string? Audience, string? HostBrings, string? GuestsBring);

    public sealed record RegistrationInput(Guid? AsOrganizationId);

    public sealed record RegistrationDto(Guid Id, Guid EventId, string Status, string Name, Guid? OrganizationId);

    static DateTimeOffset Paris(DateTime utc) => new(EventTimes.ToParis(utc), EventTimes.Paris.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    static EventDto Dto(EventCatalog.Summary e, string? description, EventLinks links) => new(
        e.Id, e.Title, EventWords.Slug(e.Kind), description, Paris(e.StartsAt), Paris(e.EndsAt), e.Place,
        e.HostOrganizationId is { } h ? new HostDto(h, e.HostName ?? "") : null, e.Latitude, e.Longitude, e.Capacity,
        EventWords.Slug(e.Audience), e.Registered, e.Waitlisted, links.Event(e.Id), links.Calendar(e.Id), new NetworkDto(e.NetworkId, e.NetworkName));

    static async Task<Results<Ok<EventList>, ValidationProblem>> ListAsync(string? past, string? network, HttpContext http, EventCatalog catalog,
        EventCalendars calendars, EventLinks links, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (past is not (null or "true" or "false")) errors["past"] = ["past vaut true ou false."];
        var networks = await calendars.NetworksAsync(http, network, ct);
        if (networks is null) errors["network"] = [$"Aucun réseau n'a l'adresse courte « {EventCalendars.Shown(network)} »."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var items = past == "true" ? await catalog.PastAsync(networks!, 200, ct) : await catalog.UpcomingAsync(networks!, 200, ct);
        return TypedResults.Ok(new EventList(items.Count, items.Select(e => Dto(e, null, links)).ToList()));
    }

    static async Task<Results<Created<EventDto>, ValidationProblem, ForbidHttpResult>> CreateAsync(
        EventInput input, ClaimsPrincipal user, HttpContext http, Networks.CurrentNetwork current, EventCatalog catalog, EventLinks links, CancellationToken ct)
    {
        if (!await catalog.MayAnnounceAsync(user, ct)) return TypedResults.Forbid();
        var fields = new EventCatalog.Fields(input.Title, input.Kind, input.Description, input.StartsAt?.UtcDateTime, input.EndsAt?.UtcDateTime,
            input.Place, input.HostOrganizationId, input.Latitude, input.Longitude, input.Capacity, input.Audience, input.HostBrings, input.GuestsBring, null);
        var errors = await catalog.CheckAsync(user, fields, ct);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Rendez-vous invalide");
        var ev = await catalog.CreateAsync(user, fields, (await current.ResolveAsync(http, ct)).Id, ct);
        var summary = (await catalog.SummaryAsync(ev.Id, ct))!;
        return TypedResults.Created($"/api/v1/events/{ev.Id}", Dto(summary, ev.Description, links));
    }

    static async Task<Results<Created<RegistrationDto>, NotFound, ForbidHttpResult, ValidationProblem, Conflict<string>>> RegisterAsync(
        Guid id, RegistrationInput? input, ClaimsPrincipal user, EventRegistrations registrations, ElBasarDbContext db, CancellationToken ct)
    {
        var userId = OrganizationAccess.UserIdOf(user)!.Value;
        var account = await db.Set<User>().AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.DisplayName }).SingleAsync(ct);
        var name = account.DisplayName;
        if (input?.AsOrganizationId is { } org)
            name = await db.Organizations.Where(o => o.Id == org).Select(o => o.Name).SingleOrDefaultAsync(ct) is { } orgName ? $"{account.DisplayName} ({orgName})" : name;
        var outcome = await registrations.RegisterAsync(id, new(userId, input?.AsOrganizationId, name, account.Email!), AccountPolicies.IsStaff(user), ct);
        return outcome.Refusal switch
        {
            EventRegistrations.Refusal.NotFound => TypedResults.NotFound(),
            EventRegistrations.Refusal.MembersOnly or EventRegistrations.Refusal.NotYourOrganization => TypedResults.Forbid(),
            EventRegistrations.Refusal.Past => TypedResults.Conflict("Ce rendez-vous a déjà eu lieu."),
            EventRegistrations.Refusal.BadContact => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = ["Adresse e-mail du compte invalide."] }),
            _ => TypedResults.Created($"/api/v1/events/{id}/registrations/{outcome.Registration!.Id}",
                new RegistrationDto(outcome.Registration.Id, id, EventWords.Slug(outcome.Registration.Status), outcome.Registration.Name, outcome.Registration.OrganizationId)),
        };
    }

    static ICalendar.Entry Entry(Event e, EventLinks links, DateTime stamp) =>
        new($"{e.Id}@elbasar", e.StartsAt, e.EndsAt, e.Title, stamp)
        {
            Description = $"{EventWords.Label(e.Kind)}. {e.Description}".Trim() + (e.GuestsBring is { Length: > 0 } b ? $"\nÀ apporter : {b}" : ""),
            Location = e.Place,
            Url = links.Event(e.Id),
            Latitude = e.Latitude,
            Longitude = e.Longitude,
            LastModified = e.UpdatedAt,
        };

    static async Task<IResult> CalendarAsync(Guid id, ElBasarDbContext db, EventLinks links, TimeProvider clock, CancellationToken ct)
    {
        var ev = await db.Set<Event>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (ev is null) return TypedResults.NotFound();
        var text = ICalendar.Write(ev.Title, [Entry(ev, links, clock.GetUtcNow().UtcDateTime)]);
        return TypedResults.File(Encoding.UTF8.GetBytes(text), ICalendar.ContentType, $"evenement-{ev.StartsAt:yyyyMMdd}.ics");
    }

    /// <summary>A network's calendar (<c>?reseau=slug</c>, else the current network), its partners' shared events included.</summary>
    static async Task<IResult> AllCalendarAsync(string? reseau, HttpContext http, EventCatalog catalog, EventCalendars calendars, EventLinks links,
        TimeProvider clock, CancellationToken ct)
    {
        if (await calendars.NetworksAsync(http, reseau, ct) is not { } networks) return TypedResults.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var events = await catalog.Of(networks).Where(e => e.EndsAt > now).OrderBy(e => e.StartsAt).Take(500).ToListAsync(ct);
        var text = ICalendar.Write("elBasar : les rendez-vous du réseau", events.Select(e => Entry(e, links, now)));
        return TypedResults.Text(text, ICalendar.ContentType);
    }

    static async Task<IResult> AttendeesCsvAsync(Guid id, ClaimsPrincipal user, EventCatalog catalog, ElBasarDbContext db, CancellationToken ct)
    {
        var ev = await catalog.FindAsync(id, ct);
        if (ev is null || !await catalog.MayManageAsync(user, ev, ct)) return TypedResults.NotFound();
        var rows = await Attendees.LoadAsync(db, id, ct);
        var csv = new StringBuilder("\uFEFFnom;e-mail;structure;statut;inscrit le\r\n");
        foreach (var r in rows)
        {
            csv.Append(Cell(r.Name)).Append(';').Append(Cell(r.Email)).Append(';').Append(Cell(r.Organization)).Append(';')
                .Append(Attendees.StatusLabel(r.Status)).Append(';')
                .Append(EventTimes.ToParis(r.RequestedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append("\r\n");
        }
        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"inscrits-{ev.StartsAt:yyyyMMdd}.csv");
    }

    // Quoted, and a leading = + - @ neutralised so that a spreadsheet never runs a name as a formula.
    static string Cell(string? value)
    {
        var v = value ?? "";
        if (v.Length > 0 && "=+-@\t\r".Contains(v[0])) v = "'" + v;
        return "\"" + v.Replace("\"", "\"\"") + "\"";
    }
}

/// <summary>The attendees of an event as the organiser sees them: registered first, then waiting, then cancelled.</summary>
public static class Attendees
{
    public sealed record Row(Guid Id, string Name, string Email, string? Organization, RegistrationStatus Status, DateTime RequestedAt);

    public static async Task<List<Row>> LoadAsync(ElBasarDbContext db, Guid eventId, CancellationToken ct)
    {
        var rows = await (from r in db.Set<EventRegistration>().AsNoTracking()
                          where r.EventId == eventId
                          join o in db.Organizations on r.OrganizationId equals o.Id into orgs
                          from o in orgs.DefaultIfEmpty()
                          select new Row(r.Id, r.Name, r.Email, o == null ? null : o.Name, r.Status, r.RequestedAt)).ToListAsync(ct);
        return rows.OrderBy(r => r.Status).ThenBy(r => r.RequestedAt).ThenBy(r => r.Id).ToList();
    }

    public static string StatusLabel(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Registered => "inscrit",
        RegistrationStatus.Waitlisted => "en liste d'attente",
        _ => "annulé",
    };
}
