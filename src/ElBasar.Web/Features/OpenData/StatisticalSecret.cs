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
/// organisations of its place is hidden whole, so that nobody reads one organisation's activity. A network's
/// cell is hidden too when the whole site's same cell holds 1 to 4 exchanges more (the exchanges outside the
/// network), since the site's file minus the network's would give them.</para>
/// <para>Secondary: market + non-market = total on each line, and each column adds up to a total published
/// elsewhere (the impact page). So a line never shows two of its three cells with the third hidden, and a
/// column never has exactly one hidden cell, nor hidden cells that add up to 1 to 4 exchanges (nor, for a
/// network, whose outside exchanges add up to 1 to 4): the next smallest cell is hidden too, until nothing
/// changes. Zeros are shown: a zero says nothing about an organisation.</para>
/// </summary>
public static class StatisticalSecret
{
    public const int MinExchanges = 5;
    public const int MinOrganizations = 3;

    const int Market = 0, NonMarket = 1, Total = 2;

    /// <summary>
    /// The published lines of a table. <paramref name="whole"/> is the whole site's table of the same period and cut when
    /// <paramref name="lines"/> are a network's: each of its cells holds the network's same cell, and what it holds more
    /// is kept secret as a small cell is.
    /// </summary>
    public static IReadOnlyList<ActivityLine> Apply(IReadOnlyList<ActivityCounts> lines, IReadOnlyList<ActivityCounts>? whole = null)
    {
        var site = whole?.ToDictionary(l => l.Key);
        var hidden = Hide(lines.Select(Cells).ToList(), lines.Select(l => l.Organizations).ToList(),
            site is null ? null : lines.Select(l => Cells(site.GetValueOrDefault(l.Key) ?? l)).ToList());
        return lines.Select((l, i) => new ActivityLine(
            l.Key, l.Label,
            hidden[i][Total] ? null : l.Exchanges,
            hidden[i][Market] ? null : l.MarketExchanges,
            hidden[i][Market] ? null : l.MarketAmountCents / 100m,
            hidden[i][NonMarket] ? null : l.NonMarketExchanges,
            hidden[i][NonMarket] ? null : Math.Round(l.NonMarketMinutes / 60m, 2),
            hidden[i][Total] ? null : l.Organizations)).ToList();
    }

    static int[] Cells(ActivityCounts line) => [line.MarketExchanges, line.NonMarketExchanges, line.Exchanges];

    /// <summary>1 to 4 exchanges: a count that must not be read, alone or as the sum of hidden cells.</summary>
    public static bool IsSmall(int exchanges) => exchanges is > 0 and < MinExchanges;

    /// <summary>
    /// Which counts of a single column are hidden, for a list published with its total (the impact page's breakdowns): the
    /// same rules as a table's column, each count taken as a line whose total it is (no market/non-market split to keep
    /// consistent). Small counts go, then the smallest shown ones until the hidden ones are never exactly one nor add up to
    /// 1 to 4 exchanges.
    /// </summary>
    public static bool[] HideColumn(IReadOnlyList<int> counts) =>
        Hide(counts.Select(n => new[] { n, 0, n }).ToList(), counts.Select(_ => MinOrganizations).ToList())
            .Select(line => line[Total]).ToArray();

    /// <summary>
    /// Which of each line's three cells (market, non-market, total) are hidden. <paramref name="whole"/>, for a network's
    /// table, holds the whole site's same cells, line by line.
    /// </summary>
    public static bool[][] Hide(IReadOnlyList<int[]> cells, IReadOnlyList<int> organizations, IReadOnlyList<int[]>? whole = null)
    {
        int Outside(int line, int column) => whole is null ? 0 : whole[line][column] - cells[line][column];
        var hidden = cells.Select((c, i) =>
        {
            var wholeLine = c[Total] > 0 && organizations[i] < MinOrganizations;
            return c.Select((n, column) => wholeLine || IsSmall(n) || IsSmall(Outside(i, column))).ToArray();
        }).ToArray();

        // A column gives back what its total (published elsewhere) minus its shown cells leaves: one hidden cell, or a
        // small sum; for a network, the site's hidden cells minus the network's too. What covers it: a shown cell that
        // adds exchanges to the small sum (none when the column's own total is that small), else any shown cell.
        IEnumerable<int> Cover(int column)
        {
            var rows = Enumerable.Range(0, cells.Count).Where(i => hidden[i][column]).ToList();
            var shown = Enumerable.Range(0, cells.Count).Where(i => !hidden[i][column]).ToList();
            if (IsSmall(rows.Sum(i => cells[i][column])) && shown.Where(i => cells[i][column] > 0).ToList() is { Count: > 0 } adding) return adding;
            if (IsSmall(rows.Sum(i => Outside(i, column))) && shown.Where(i => Outside(i, column) > 0).ToList() is { Count: > 0 } outside) return outside;
            return rows.Count == 1 ? shown : [];
        }

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
            // An exposed column: the smallest cell that covers it goes too, a zero only when nothing else does.
            var next = Enumerable.Range(0, 3)
                .Select(column => (Column: column, Line: Cover(column)
                    .OrderBy(i => cells[i][column] == 0).ThenBy(i => cells[i][column]).ThenBy(i => i).Cast<int?>().FirstOrDefault()))
                .FirstOrDefault(c => c.Line is not null);
            if (next.Line is not { } line) return hidden;
            hidden[line][next.Column] = true;
        }
    }
}
