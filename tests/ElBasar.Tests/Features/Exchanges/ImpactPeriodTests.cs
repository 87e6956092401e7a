using System.Globalization;
using ElBasar.Web.Features.Exchanges;

namespace ElBasar.Tests.Features.Exchanges;

/// <summary>The public page's period: the whole finished months a period asked touches.</summary>
public sealed class ImpactPeriodTests
{
    static readonly DateOnly Today = new(2026, 11, 20);

    [Theory]
    [InlineData("2026-01-12", "2026-03-16", "2026-01-01", "2026-03-31")]
    [InlineData("2025-12-31", "2026-02-01", "2025-12-01", "2026-02-28")]
    [InlineData("2025-11-21", "2026-11-20", "2025-11-01", "2026-10-31")]
    [InlineData("2026-10-31", "2026-11-01", "2026-10-01", "2026-10-31")]
    [InlineData("2026-11-02", "2026-11-19", "2026-10-01", "2026-10-31")]
    [InlineData("2027-03-01", "2027-04-30", "2026-10-01", "2026-10-31")]
    public void A_period_is_widened_to_whole_months_and_stops_at_the_last_finished_one(string from, string to, string wholeFrom, string wholeTo)
    {
        var whole = new ImpactPeriod(DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture)).WholeFinishedMonths(Today);

        Assert.Equal(new ImpactPeriod(DateOnly.Parse(wholeFrom, CultureInfo.InvariantCulture), DateOnly.Parse(wholeTo, CultureInfo.InvariantCulture)), whole);
    }
}
