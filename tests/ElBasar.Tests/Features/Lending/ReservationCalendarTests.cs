using ElBasar.Web.Features.Lending;

namespace ElBasar.Tests.Features.Lending;

public sealed class ReservationCalendarTests
{
    static readonly HashSet<DateOnly> NoBlocks = [];
    static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // Winter time (UTC+1): 23:30 UTC on the 28th is already the 29th in Paris, the day the clocks go forward.
    [InlineData("2026-03-28T22:59:00Z", "2026-03-28")]
    [InlineData("2026-03-28T23:00:00Z", "2026-03-29")]
    [InlineData("2026-03-29T21:59:00Z", "2026-03-29")]
    // Summer time (UTC+2) after the change: midnight in Paris is 22:00 UTC.
    [InlineData("2026-03-29T22:00:00Z", "2026-03-30")]
    [InlineData("2026-10-24T21:59:00Z", "2026-10-24")]
    [InlineData("2026-10-24T22:00:00Z", "2026-10-25")]
    // The 25th of October lasts 25 hours: back to UTC+1, its midnight is 23:00 UTC.
    [InlineData("2026-10-25T22:59:00Z", "2026-10-25")]
    [InlineData("2026-10-25T23:00:00Z", "2026-10-26")]
    public void Today_is_the_date_in_Paris_around_the_clock_changes(string utc, string expected) =>
        Assert.Equal(D(expected), ReservationCalendar.Today(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-03-28", "2026-03-30", 3)]
    [InlineData("2026-10-24", "2026-10-26", 3)]
    [InlineData("2026-10-25", "2026-10-25", 1)]
    public void Lengths_count_calendar_days_not_hours_across_clock_changes(string from, string to, int days)
    {
        var errors = new Dictionary<string, string[]>();
        Assert.NotNull(ReservationCalendar.CheckRequest(from, to, D("2026-03-01"), maxLoanDays: days, errors));
        Assert.Null(ReservationCalendar.CheckRequest(from, to, D("2026-03-01"), maxLoanDays: days - 1, errors));
        Assert.Contains("to", errors.Keys);
    }

    [Fact]
    public void A_day_starts_at_local_midnight_whatever_the_offset()
    {
        Assert.Equal(new DateTime(2026, 3, 28, 23, 0, 0, DateTimeKind.Utc), ReservationCalendar.StartOf(D("2026-03-29")));
        Assert.Equal(new DateTime(2026, 3, 29, 22, 0, 0, DateTimeKind.Utc), ReservationCalendar.StartOf(D("2026-03-30")));
        Assert.Equal(new DateTime(2026, 10, 24, 22, 0, 0, DateTimeKind.Utc), ReservationCalendar.StartOf(D("2026-10-25")));
        Assert.Equal(new DateTime(2026, 10, 25, 23, 0, 0, DateTimeKind.Utc), ReservationCalendar.StartOf(D("2026-10-26")));
    }

    [Theory]
    [InlineData("2026-12-05", "2026-12-04", "to")]
    [InlineData("2026-11-19", "2026-11-21", "from")]
    [InlineData("2026-12-01", "2026-12-20", "to")]
    [InlineData("5 décembre", "2026-12-06", "from")]
    [InlineData("2026-12-05", "", "to")]
    [InlineData("2026-02-30", "2026-03-02", "from")]
    public void A_bad_range_names_the_field(string from, string to, string field)
    {
        var errors = new Dictionary<string, string[]>();
        Assert.Null(ReservationCalendar.CheckRequest(from, to, D("2026-11-20"), maxLoanDays: 14, errors));
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void A_bad_date_is_quoted_as_typed_in_french()
    {
        var errors = new Dictionary<string, string[]>();
        ReservationCalendar.CheckRequest("5 décembre", "2026-12-06", D("2026-11-20"), 14, errors);
        Assert.Contains("« 5 décembre »", errors["from"][0]);
    }

    [Fact]
    public void Overlapping_reservations_take_the_lowest_free_slot_each_day()
    {
        var taken = new[] { (D("2026-12-05"), 1), (D("2026-12-06"), 1), (D("2026-12-06"), 2) };
        var assignment = ReservationCalendar.Assign(D("2026-12-04"), D("2026-12-06"), 3, NoBlocks, taken);
        Assert.True(assignment.Granted);
        Assert.Equal([(D("2026-12-04"), 1), (D("2026-12-05"), 2), (D("2026-12-06"), 3)], assignment.Slots);
    }

    [Fact]
    public void A_full_day_refuses_the_whole_range_and_names_the_day()
    {
        var taken = new[] { (D("2026-12-06"), 1), (D("2026-12-06"), 2) };
        var assignment = ReservationCalendar.Assign(D("2026-12-04"), D("2026-12-07"), 2, NoBlocks, taken);
        Assert.False(assignment.Granted);
        Assert.Equal(D("2026-12-06"), assignment.RefusedDay);
        Assert.Contains("dimanche 6 décembre 2026", assignment.Problem);
    }

    [Fact]
    public void Non_overlapping_reservations_share_a_single_unit()
    {
        var taken = new[] { (D("2026-12-01"), 1), (D("2026-12-02"), 1) };
        Assert.True(ReservationCalendar.Assign(D("2026-12-03"), D("2026-12-04"), 1, NoBlocks, taken).Granted);
        Assert.False(ReservationCalendar.Assign(D("2026-12-02"), D("2026-12-03"), 1, NoBlocks, taken).Granted);
    }

    [Fact]
    public void A_blocked_day_refuses_even_with_units_free()
    {
        var assignment = ReservationCalendar.Assign(D("2026-12-04"), D("2026-12-06"), 3, new HashSet<DateOnly> { D("2026-12-05") }, []);
        Assert.False(assignment.Granted);
        Assert.True(assignment.Blocked);
        Assert.Contains("bloqué", assignment.Problem);
    }

    [Fact]
    public void Two_weekends_booked_over_three_tents_never_give_more_than_three()
    {
        var held = new List<(DateOnly Day, int Slot)>();
        var granted = 0;
        foreach (var (from, to) in new[] { ("2026-12-04", "2026-12-06"), ("2026-12-05", "2026-12-06"), ("2026-12-05", "2026-12-07"),
                     ("2026-12-06", "2026-12-06"), ("2026-12-04", "2026-12-04") })
        {
            var a = ReservationCalendar.Assign(D(from), D(to), 3, NoBlocks, held);
            if (!a.Granted) continue;
            granted++;
            held.AddRange(a.Slots);
        }
        Assert.Equal(4, granted);
        Assert.All(held.GroupBy(h => h.Day), g => Assert.True(g.Count() <= 3));
    }

    [Fact]
    public void The_month_view_starts_on_monday_and_counts_free_units()
    {
        var weeks = ReservationCalendar.Month(2026, 12, 3, D("2026-11-20"), new HashSet<DateOnly> { D("2026-12-25") },
            [(D("2026-12-05"), ReservationStatus.Confirmed), (D("2026-12-05"), ReservationStatus.Lent)]);
        Assert.Equal(D("2026-11-30"), weeks[0][0].Day);
        Assert.All(weeks, w => Assert.Equal(7, w.Count));
        var fifth = weeks.SelectMany(w => w).Single(d => d.Day == D("2026-12-05"));
        Assert.Equal((1, 1, 1), (fifth.Reserved, fifth.Lent, fifth.Free));
        Assert.Equal(0, weeks.SelectMany(w => w).Single(d => d.Day == D("2026-12-25")).Free);
        Assert.False(weeks[0][0].InMonth);
    }
}
