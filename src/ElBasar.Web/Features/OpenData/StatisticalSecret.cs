namespace ElBasar.Web.Features.OpenData;

/// <summary>A line of an activity table before the secret: a commune, an EPCI or a month, and what was counted there.</summary>
public sealed record ActivityCounts(
    string Key, string Label, int MarketExchanges, long MarketAmountCents, int NonMarketExchanges, long NonMarketMinutes, int Organizations)
{
    public int Exchanges => MarketExchanges + NonMarketExchanges;
}

/// <summary>A published line: null where the statistical secret hides the figure ("secret statistique").</summary>
public sealed record ActivityLine(
    string Key, string Label, int? Exchanges, int? MarketExchanges, decimal? MarketAmountEur, int? NonMarketExchanges,
    decimal? NonMarketHours, int? Organizations);

/// <summary>
/// The statistical secret of the activity tables (README.md, "Secret statistique"). Each line has three
/// counted cells: market exchanges, non-market exchanges and their total, each with the figures that
/// follow it (amount in euros, hours, organisations).
/// <para>Primary: a cell of 1 to 4 exchanges is hidden; a line whose exchanges involve fewer than three
/// organisations of its place is hidden whole, so that nobody reads one organisation's activity.</para>
/// <para>Secondary: market + non-market = total on each line, and each column adds up to a network total
/// published elsewhere (the impact page). So a line never shows two of its three cells with the third
/// hidden, and a column never has exactly one hidden cell: the next smallest cell is hidden too, until
/// nothing changes. Zeros are shown: a zero says nothing about an organisation.</para>
/// </summary>
public static class StatisticalSecret
{
    public const int MinExchanges = 5;
    public const int MinOrganizations = 3;

    const int Market = 0, NonMarket = 1, Total = 2;

    public static IReadOnlyList<ActivityLine> Apply(IReadOnlyList<ActivityCounts> lines)
    {
        var hidden = Hide(lines.Select(l => new[] { l.MarketExchanges, l.NonMarketExchanges, l.Exchanges }).ToList(),
            lines.Select(l => l.Organizations).ToList());
        return lines.Select((l, i) => new ActivityLine(
            l.Key, l.Label,
            hidden[i][Total] ? null : l.Exchanges,
            hidden[i][Market] ? null : l.MarketExchanges,
            hidden[i][Market] ? null : l.MarketAmountCents / 100m,
            hidden[i][NonMarket] ? null : l.NonMarketExchanges,
            hidden[i][NonMarket] ? null : Math.Round(l.NonMarketMinutes / 60m, 2),
            hidden[i][Total] ? null : l.Organizations)).ToList();
    }

    /// <summary>Which of each line's three cells (market, non-market, total) are hidden.</summary>
    public static bool[][] Hide(IReadOnlyList<int[]> cells, IReadOnlyList<int> organizations)
    {
        var hidden = cells.Select((c, i) =>
        {
            var wholeLine = c[Total] > 0 && organizations[i] < MinOrganizations;
            return c.Select(n => wholeLine || n is > 0 and < MinExchanges).ToArray();
        }).ToArray();

        // Lines first, until each has none or at least two hidden cells; then one column at a time, since a
        // cell hidden for a column may call for its line's total, which changes the columns again.
        while (true)
        {
            for (var i = 0; i < cells.Count; i++)
            {
                if (hidden[i].Count(h => h) != 1) continue;
                // One hidden cell on a line: the total, or else the smaller part, goes with it.
                var other = !hidden[i][Total] ? Total : cells[i][Market] <= cells[i][NonMarket] ? Market : NonMarket;
                hidden[i][other] = true;
            }
            var lonely = Enumerable.Range(0, 3).Where(c => Enumerable.Range(0, cells.Count).Count(i => hidden[i][c]) == 1).Cast<int?>().FirstOrDefault();
            if (lonely is not { } column) return hidden;
            // One hidden cell in a column: the smallest shown one goes too, a zero only when nothing else is left.
            var next = Enumerable.Range(0, cells.Count).Where(i => !hidden[i][column])
                .OrderBy(i => cells[i][column] == 0).ThenBy(i => cells[i][column]).ThenBy(i => i)
                .Cast<int?>().FirstOrDefault();
            if (next is not { } line) return hidden;
            hidden[line][column] = true;
        }
    }
}
