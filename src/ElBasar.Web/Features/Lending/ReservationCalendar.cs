using System.Globalization;
using ElBasar.Web.Infrastructure.Web;

namespace ElBasar.Web.Features.Lending;

/// <summary>
/// The calendar rules, free of any database: dates are local dates in Europe/Paris, ranges are
/// inclusive, a day holds at most <c>quantity</c> units, a blocked day holds none. Lengths are
/// counted in days on the calendar (<see cref="DateOnly.DayNumber"/>), never in hours, so the
/// 23- and 25-hour days of the clock changes count as one day like any other.
/// </summary>
public static class ReservationCalendar
{
    /// <summary>How far ahead a reservation may start: a year.</summary>
    public const int MaxDaysAhead = 366;

    /// <summary>The longest range the availability API answers for.</summary>
    public const int MaxAvailabilityDays = 366;

    static readonly TimeZoneInfo Paris = FindParis();

    /// <summary>The date in Paris at <paramref name="now"/>.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Paris).DateTime);

    /// <summary>The instant a Paris date begins (midnight local time), as UTC.</summary>
    public static DateTime StartOf(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Paris);

    /// <summary>A date as the API and the forms give it, <c>YYYY-MM-DD</c>; nothing else.</summary>
    public static bool TryParse(string? raw, out DateOnly day) =>
        DateOnly.TryParseExact(raw?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string French(DateOnly day) => day.ToString("dddd d MMMM yyyy", WebModule.French);

    public static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1)) yield return day;
    }

    /// <summary>
    /// Checks a requested range; problems keyed by field (<c>from</c>, <c>to</c>), in French, quoting
    /// what was typed. Returns the range when it is valid.
    /// </summary>
    public static (DateOnly From, DateOnly To)? CheckRequest(string? rawFrom, string? rawTo, DateOnly today, int maxLoanDays,
        Dictionary<string, string[]> errors)
    {
        var fromOk = TryParse(rawFrom, out var from);
        var toOk = TryParse(rawTo, out var to);
        if (string.IsNullOrWhiteSpace(rawFrom)) errors["from"] = ["Indiquez la date de début (AAAA-MM-JJ)."];
        else if (!fromOk) errors["from"] = [$"La date de début « {Shorten(rawFrom)} » n'est pas une date : écrivez-la AAAA-MM-JJ, par exemple {Iso(today.AddDays(7))}."];
        if (string.IsNullOrWhiteSpace(rawTo)) errors["to"] = ["Indiquez la date de fin (AAAA-MM-JJ)."];
        else if (!toOk) errors["to"] = [$"La date de fin « {Shorten(rawTo)} » n'est pas une date : écrivez-la AAAA-MM-JJ, par exemple {Iso(today.AddDays(8))}."];
        if (!fromOk || !toOk) return null;

        if (from < today) errors["from"] = [$"La date de début ({French(from)}) est passée : choisissez aujourd'hui ou plus tard."];
        else if (from.DayNumber - today.DayNumber > MaxDaysAhead) errors["from"] = ["On réserve au plus un an à l'avance."];
        if (to < from) errors["to"] = [$"La date de fin ({French(to)}) est avant la date de début ({French(from)})."];
        else if (to.DayNumber - from.DayNumber + 1 > maxLoanDays)
            errors["to"] = [$"Ce matériel se prête au plus {maxLoanDays} jour{(maxLoanDays > 1 ? "s" : "")} : choisissez une date de fin jusqu'au {French(from.AddDays(maxLoanDays - 1))}."];
        return errors.Count == 0 ? (from, to) : null;
    }

    /// <summary>
    /// A slot (1..quantity) for each day of the range, the lowest free one, or why there is none.
    /// <paramref name="taken"/> are the slots already held on those days. The database's key on
    /// (item, day, slot) is what makes the answer hold when two requests race.
    /// </summary>
    public static SlotAssignment Assign(DateOnly from, DateOnly to, int quantity, IReadOnlySet<DateOnly> blocked,
        IEnumerable<(DateOnly Day, int Slot)> taken)
    {
        var byDay = taken.GroupBy(t => t.Day).ToDictionary(g => g.Key, g => g.Select(t => t.Slot).ToHashSet());
        var slots = new List<(DateOnly Day, int Slot)>();
        foreach (var day in Days(from, to))
        {
            if (blocked.Contains(day)) return SlotAssignment.Refused(day, blockedDay: true);
            var used = byDay.GetValueOrDefault(day) ?? [];
            var slot = Enumerable.Range(1, quantity).FirstOrDefault(s => !used.Contains(s));
            if (slot == 0) return SlotAssignment.Refused(day, blockedDay: false);
            slots.Add((day, slot));
        }
        return new SlotAssignment(slots, null, false);
    }

    /// <summary>Free units on each day of the range.</summary>
    public static IReadOnlyList<(DateOnly Day, int Free, bool Blocked)> Availability(DateOnly from, DateOnly to, int quantity,
        IReadOnlySet<DateOnly> blocked, IEnumerable<DateOnly> heldDays)
    {
        var held = heldDays.GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count());
        return Days(from, to).Select(d => blocked.Contains(d) ? (d, 0, true) : (d, Math.Max(0, quantity - held.GetValueOrDefault(d)), false)).ToList();
    }

    /// <summary>The weeks (Monday first) that show <paramref name="month"/>, with each day's state.</summary>
    public static IReadOnlyList<IReadOnlyList<CalendarDay>> Month(int year, int month, int quantity, DateOnly today,
        IReadOnlySet<DateOnly> blocked, IEnumerable<(DateOnly Day, ReservationStatus Status)> held)
    {
        var first = new DateOnly(year, month, 1);
        var start = first.AddDays(-(((int)first.DayOfWeek + 6) % 7));
        var last = first.AddMonths(1).AddDays(-1);
        var byDay = held.GroupBy(h => h.Day).ToDictionary(g => g.Key, g => g.ToList());
        var weeks = new List<IReadOnlyList<CalendarDay>>();
        for (var weekStart = start; weekStart <= last; weekStart = weekStart.AddDays(7))
        {
            weeks.Add(Enumerable.Range(0, 7).Select(i =>
            {
                var day = weekStart.AddDays(i);
                var holds = byDay.GetValueOrDefault(day) ?? [];
                var lent = holds.Count(h => h.Status == ReservationStatus.Lent);
                var reserved = holds.Count - lent;
                var isBlocked = blocked.Contains(day);
                return new CalendarDay(day, day.Month == month, day < today, isBlocked, reserved, lent,
                    isBlocked ? 0 : Math.Max(0, quantity - holds.Count));
            }).ToList());
        }
        return weeks;
    }

    static string Shorten(string? value) => value is null ? "" : value.Length <= 40 ? value : value[..40] + "…";

    static TimeZoneInfo FindParis()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}

/// <summary>The slots a request would take, or the first day it cannot have and why.</summary>
public sealed record SlotAssignment(IReadOnlyList<(DateOnly Day, int Slot)> Slots, DateOnly? RefusedDay, bool Blocked)
{
    public bool Granted => RefusedDay is null;

    public static SlotAssignment Refused(DateOnly day, bool blockedDay) => new([], day, blockedDay);

    public string Problem => Blocked
        ? $"Le matériel n'est pas disponible le {ReservationCalendar.French(RefusedDay!.Value)} : son prêteur a bloqué ce jour."
        : $"Le matériel est déjà entièrement réservé le {ReservationCalendar.French(RefusedDay!.Value)} : choisissez d'autres dates.";
}

/// <summary>One cell of the month view.</summary>
public sealed record CalendarDay(DateOnly Day, bool InMonth, bool Past, bool Blocked, int Reserved, int Lent, int Free);
