using System.ComponentModel.DataAnnotations;
using System.Globalization;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Events;

/// <summary>Announcing an event, and changing it (the minutes come after it).</summary>
[Authorize]
public sealed class EventEditModel(EventCatalog catalog, ElBasarDbContext db, Networks.CurrentNetwork current) : PageModel
{
    public sealed class EventForm
    {
        public string? Title { get; set; }
        public string Kind { get; set; } = "apero";
        public string? Description { get; set; }
        [DataType(DataType.Date)] public string? Date { get; set; }
        public string? StartTime { get; set; }
        public string? EndTime { get; set; }
        public string? Place { get; set; }
        public Guid? HostOrganizationId { get; set; }
        public int? Capacity { get; set; }
        public string Audience { get; set; } = "members";
        public string? HostBrings { get; set; }
        public string? GuestsBring { get; set; }
        public string? Minutes { get; set; }
    }

    [BindProperty] public EventForm Input { get; set; } = new();
    public Guid? Id { get; private set; }
    public IReadOnlyList<(Guid Id, string Name)> Hosts { get; private set; } = [];
    public bool IsStaff => AccountPolicies.IsStaff(User);
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is { } existing)
        {
            if (await FindManagedAsync(existing, ct) is not { } ev) return NotFound();
            Id = existing;
            var start = EventTimes.ToParis(ev.StartsAt);
            Input = new EventForm
            {
                Title = ev.Title, Kind = EventWords.Slug(ev.Kind), Description = ev.Description, Date = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                StartTime = start.ToString("HH:mm", CultureInfo.InvariantCulture), EndTime = EventTimes.ToParis(ev.EndsAt).ToString("HH:mm", CultureInfo.InvariantCulture),
                Place = ev.Place, HostOrganizationId = ev.HostOrganizationId, Capacity = ev.Capacity, Audience = EventWords.Slug(ev.Audience),
                HostBrings = ev.HostBrings, GuestsBring = ev.GuestsBring, Minutes = ev.Minutes,
            };
        }
        else if (!await catalog.MayAnnounceAsync(User, ct)) return Forbid();
        await LoadHostsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Event? ev = null;
        if (id is { } existing)
        {
            if ((ev = await FindManagedAsync(existing, ct)) is null) return NotFound();
            Id = existing;
        }
        else if (!await catalog.MayAnnounceAsync(User, ct)) return Forbid();
        await LoadHostsAsync(ct);

        var (starts, ends, timeErrors) = Times();
        var fields = new EventCatalog.Fields(Input.Title, Input.Kind, Input.Description, starts, ends, Input.Place, Input.HostOrganizationId,
            ev?.HostOrganizationId == Input.HostOrganizationId && Input.Place == ev?.Place ? ev?.Latitude : null,
            ev?.HostOrganizationId == Input.HostOrganizationId && Input.Place == ev?.Place ? ev?.Longitude : null,
            Input.Capacity, Input.Audience, Input.HostBrings, Input.GuestsBring, Input.Minutes);
        Errors = await catalog.CheckAsync(User, fields, ct);
        foreach (var (k, v) in timeErrors) Errors[k] = v;
        if (Errors.Count > 0) return Page();
        if (ev is null) ev = await catalog.CreateAsync(User, fields, (await current.ResolveAsync(HttpContext, ct)).Id, ct);
        else await catalog.UpdateAsync(ev, fields, ct);
        return Redirect($"/evenements/{ev.Id}");
    }

    (DateTime?, DateTime?, Dictionary<string, string[]>) Times()
    {
        var errors = new Dictionary<string, string[]>();
        if (!DateOnly.TryParseExact(Input.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors["startsAt"] = ["Indiquez la date (jj/mm/aaaa)."];
            return (null, null, errors);
        }
        DateTime? At(string? time, string field)
        {
            if (!TimeOnly.TryParseExact(time, ["HH:mm", "H:mm", "HH'h'mm", "H'h'mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            {
                errors[field] = ["Indiquez l'heure (hh:mm)."];
                return null;
            }
            var utc = EventTimes.FromParis(date.ToDateTime(t));
            if (utc is null) errors[field] = ["Cette heure n'existe pas ce jour-là à Paris (passage à l'heure d'été)."];
            return utc;
        }
        var starts = At(Input.StartTime, "startsAt");
        var ends = At(Input.EndTime, "endsAt");
        // An end before the start is the next day's: an evening that ends after midnight.
        if (starts is { } s && ends is { } e && e <= s) ends = EventTimes.FromParis(date.AddDays(1).ToDateTime(TimeOnly.Parse(Input.EndTime!, CultureInfo.InvariantCulture)));
        return (starts, ends, errors);
    }

    async Task LoadHostsAsync(CancellationToken ct)
    {
        if (IsStaff)
        {
            var rows = await db.Organizations.AsNoTracking().Where(o => o.Status == OrganizationStatus.Active)
                .OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).Take(2000).ToListAsync(ct);
            Hosts = rows.Select(r => (r.Id, r.Name)).ToList();
        }
        else
            Hosts = (await catalog.HostsForAsync(OrganizationAccess.UserIdOf(User)!.Value, ct)).Select(o => (o.Id, o.Name)).ToList();
    }

    async Task<Event?> FindManagedAsync(Guid id, CancellationToken ct) =>
        await catalog.FindAsync(id, ct) is { } ev && await catalog.MayManageAsync(User, ev, ct) ? ev : null;

    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var m) ? m[0] : null;
}
