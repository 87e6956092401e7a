using System.Globalization;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Lending;

/// <summary>
/// An item's page: its terms, its month calendar (a table, each free day a link that picks the start,
/// then the end, of a range, so it works by keyboard and without JavaScript) and the request form.
/// The item's people also block days and see its history.
/// </summary>
public sealed class ItemModel(ElBasarDbContext db, LoanDesk desk, OrganizationAccess access, ItemAccess itemAccess) : PageModel
{
    public LendingItem Item { get; private set; } = null!;
    public string Lender { get; private set; } = "";

    /// <summary>The lender's network, named when the installation has several.</summary>
    public string? LenderNetwork { get; private set; }
    public DateOnly Today { get; private set; }
    public DateOnly MonthStart { get; private set; }
    public IReadOnlyList<IReadOnlyList<CalendarDay>> Weeks { get; private set; } = [];
    public bool CanManage { get; private set; }
    public IReadOnlyList<UserOrganization> MyOrganizations { get; private set; } = [];
    public IReadOnlyList<Reservation> History { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "du")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "au")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "mois")] public string? Month { get; set; }
    [BindProperty] public string? AsOrganization { get; set; }
    [BindProperty] public string? Message { get; set; }
    [BindProperty] public string? BlockFrom { get; set; }
    [BindProperty] public string? BlockTo { get; set; }
    [BindProperty] public bool Block { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(User) is null) return Challenge();
        if (!await LoadAsync(id, ct)) return NotFound();
        Guid? org = null;
        if (AsOrganization is { Length: > 0 } raw && raw != "moi")
        {
            if (Guid.TryParse(raw, out var parsed)) org = parsed;
            else ModelState.AddModelError(nameof(AsOrganization), "Choisissez au nom de qui vous empruntez.");
        }
        if (ModelState.ErrorCount == 0)
        {
            var result = await desk.ReserveAsync(UserId, id, From, To, org, Message, ct);
            switch (result.Outcome)
            {
                case LendingOutcome.Done:
                    return RedirectToPage("Reservation", new { id = result.Reservation!.Id });
                case LendingOutcome.Conflict:
                    ModelState.AddModelError(nameof(To), result.Problem!);
                    break;
                case LendingOutcome.Invalid:
                    foreach (var (key, messages) in result.Errors)
                        foreach (var message in messages) ModelState.AddModelError(FieldOf(key), message);
                    break;
                default:
                    return NotFound();
            }
        }
        Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostBlockAsync(Guid id, CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(User) is null) return Challenge();
        var result = await desk.BlockAsync(UserId, id, BlockFrom, BlockTo, Block, ct);
        if (result.Outcome is LendingOutcome.NotFound or LendingOutcome.Forbidden) return NotFound();
        if (result.Outcome == LendingOutcome.Done) return RedirectToPage("Item", new { id, mois = BlockFrom?[..Math.Min(7, BlockFrom.Length)] });
        await LoadAsync(id, ct);
        Problems = result.Errors.Values.SelectMany(v => v).ToList();
        return Page();
    }

    static string FieldOf(string key) => key switch
    {
        "from" => nameof(From),
        "to" => nameof(To),
        "asOrganizationId" => nameof(AsOrganization),
        _ => nameof(Message),
    };

    async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var item = await db.LendingItems.AsNoTracking().Include(i => i.Listing).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return false;
        var userId = OrganizationAccess.UserIdOf(User);
        var opening = await itemAccess.PageAsync(User, id, item.OrganizationId, ct);
        if (opening == ItemPageAccess.Closed) return false;
        CanManage = opening == ItemPageAccess.Lender;
        Item = item;
        Lender = await db.Organizations.Where(o => o.Id == item.OrganizationId).Select(o => o.Name).SingleAsync(ct);
        if (await db.Networks.CountAsync(ct) > 1)
            LenderNetwork = await db.Networks.Where(n => n.Id == item.Listing!.NetworkId).Select(n => n.Name).SingleAsync(ct);
        Today = desk.Today;
        var shown = Month is { Length: 7 } m && DateOnly.TryParseExact(m + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var wanted)
            ? wanted : ReservationCalendar.TryParse(From, out var from) ? new DateOnly(from.Year, from.Month, 1) : new DateOnly(Today.Year, Today.Month, 1);
        if (shown.Year < 2000 || shown.Year > 2100) shown = new DateOnly(Today.Year, Today.Month, 1);
        MonthStart = shown;
        Weeks = await LendingQueries.MonthAsync(db, item, shown.Year, shown.Month, Today, ct);
        if (userId is { } me)
        {
            MyOrganizations = (await access.OrganizationsOfAsync(me, ct)).Where(o => o.Id != item.OrganizationId).ToList();
            if (CanManage)
                History = await db.Reservations.AsNoTracking().Where(r => r.ItemId == id).OrderByDescending(r => r.From).Take(200).ToListAsync(ct);
        }
        return true;
    }

    /// <summary>Where a day's link leads: it starts a range, or ends the one started.</summary>
    public string PickLink(DateOnly day)
    {
        var month = MonthStart.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var started = ReservationCalendar.TryParse(From, out var from) && string.IsNullOrEmpty(To) && day >= from;
        return started
            ? $"/pret/{Item.Id}?du={ReservationCalendar.Iso(from)}&au={ReservationCalendar.Iso(day)}&mois={month}#reserver"
            : $"/pret/{Item.Id}?du={ReservationCalendar.Iso(day)}&mois={month}#calendrier";
    }

    public bool PicksEnd(DateOnly day) => ReservationCalendar.TryParse(From, out var from) && string.IsNullOrEmpty(To) && day >= from;

    public bool InChosenRange(DateOnly day) =>
        ReservationCalendar.TryParse(From, out var from) && day >= from
        && (ReservationCalendar.TryParse(To, out var to) ? day <= to : day == from);

    public string MonthLink(int offset) => $"/pret/{Item.Id}?mois={MonthStart.AddMonths(offset):yyyy-MM}{(string.IsNullOrEmpty(From) ? "" : "&du=" + From)}{(string.IsNullOrEmpty(To) ? "" : "&au=" + To)}#calendrier";

    Guid UserId => OrganizationAccess.UserIdOf(User)!.Value;
}
