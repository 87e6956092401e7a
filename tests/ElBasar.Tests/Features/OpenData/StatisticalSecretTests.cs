using ElBasar.Web.Features.OpenData;

namespace ElBasar.Tests.Features.OpenData;

/// <summary>
/// The secret of the activity tables: no shown cell under five exchanges, no line of fewer than three
/// organisations, and nothing hidden that a subtraction (along a line, down a column, or between the whole site's
/// table and a network's) gives back.
/// </summary>
public sealed class StatisticalSecretTests
{
    static ActivityCounts Line(string key, int market, int nonMarket, int organizations = 3) =>
        new(key, key, market, market * 1000L, nonMarket, nonMarket * 60L, organizations);

    [Fact]
    public void A_place_with_four_exchanges_shows_none_of_its_figures()
    {
        var lines = StatisticalSecret.Apply([Line("lille", 12, 10), Line("roubaix", 2, 2), Line("arras", 20, 30)]);

        var roubaix = Assert.Single(lines, l => l.Key == "roubaix");
        Assert.Equal(new ActivityLine("roubaix", "roubaix", null, null, null, null, null, null), roubaix);
    }

    [Fact]
    public void A_hidden_part_takes_its_line_total_and_a_column_partner_with_it()
    {
        var lines = StatisticalSecret.Apply([Line("lille", 12, 10), Line("arras", 3, 9), Line("lens", 8, 40)]);

        var arras = lines.Single(l => l.Key == "arras");
        Assert.Null(arras.MarketExchanges);
        Assert.Null(arras.MarketAmountEur);
        Assert.Null(arras.Exchanges);   // else total − non-market = market
        Assert.Equal(9, arras.NonMarketExchanges);
        // Else the network's market total minus the other lines gives Arras: the smallest other market cell goes too.
        var lens = lines.Single(l => l.Key == "lens");
        Assert.Null(lens.MarketExchanges);
        Assert.Null(lens.Exchanges);
        Assert.Equal(40, lens.NonMarketExchanges);
        Assert.Equal(new ActivityLine("lille", "lille", 22, 12, 120m, 10, 10m, 3), lines.Single(l => l.Key == "lille"));
    }

    [Fact]
    public void A_place_whose_exchanges_involve_fewer_than_three_of_its_organisations_is_hidden_whole()
    {
        var lines = StatisticalSecret.Apply([Line("lille", 12, 10), Line("lens", 30, 40, organizations: 2), Line("arras", 20, 25)]);

        Assert.Equal(new ActivityLine("lens", "lens", null, null, null, null, null, null), lines.Single(l => l.Key == "lens"));
        Assert.Contains(lines, l => l.Key != "lens" && l.Exchanges is null);   // and one other line, so that the totals do not give it back
    }

    [Fact]
    public void Zeros_are_shown_and_a_table_without_small_counts_is_shown_whole()
    {
        var lines = StatisticalSecret.Apply([Line("lille", 12, 0), Line("arras", 0, 7), Line("lens", 0, 0, organizations: 0)]);

        Assert.All(lines, l => Assert.NotNull(l.Exchanges));
        Assert.Equal(0, lines.Single(l => l.Key == "lille").NonMarketExchanges);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void No_random_table_shows_a_small_count_or_lets_a_hidden_one_be_subtracted(int seed)
    {
        var random = new Random(seed);
        for (var table = 0; table < 200; table++)
        {
            var cells = Enumerable.Range(0, random.Next(2, 12))
                .Select(_ => new[] { random.Next(0, 3) == 0 ? 0 : random.Next(1, 30), random.Next(0, 3) == 0 ? 0 : random.Next(1, 30) })
                .Select(c => new[] { c[0], c[1], c[0] + c[1] }).ToList();
            var organizations = cells.Select(_ => random.Next(0, 6)).ToList();

            var hidden = StatisticalSecret.Hide(cells, organizations);

            for (var i = 0; i < cells.Count; i++)
            {
                for (var c = 0; c < 3; c++)
                    Assert.False(!hidden[i][c] && cells[i][c] is > 0 and < StatisticalSecret.MinExchanges, $"table {table}: a small count is shown");
                Assert.False(cells[i][2] > 0 && organizations[i] < StatisticalSecret.MinOrganizations && hidden[i].Contains(false), $"table {table}: a line of too few organisations shows a figure");
                Assert.NotEqual(1, hidden[i].Count(h => h));
            }
            for (var c = 0; c < 3; c++)
                Assert.NotEqual(1, Enumerable.Range(0, cells.Count).Count(i => hidden[i][c]));
        }
    }

    [Fact]
    public void A_networks_cell_is_secret_when_the_sites_same_cell_holds_one_to_four_exchanges_more()
    {
        // Lens: 5 helps in the network, 7 on the whole site, so 2 outside it.
        var network = StatisticalSecret.Apply([Line("lens", 20, 5), Line("arras", 30, 40)], [Line("lens", 20, 7), Line("arras", 30, 40)]);

        var lens = network.Single(l => l.Key == "lens");
        Assert.Null(lens.NonMarketExchanges);
        Assert.Null(lens.NonMarketHours);
        Assert.Null(lens.Exchanges);   // 27 on the site, 25 in the network: 2 outside it as well
        Assert.Equal(20, lens.MarketExchanges);
        // The network's total of helps minus Arras's would give Lens's back: Arras's go too.
        Assert.Null(network.Single(l => l.Key == "arras").NonMarketExchanges);

        // 10 on the site: 5 outside the network, as many as a cell may show.
        var published = StatisticalSecret.Apply([Line("lens", 20, 5), Line("arras", 30, 40)], [Line("lens", 20, 10), Line("arras", 30, 40)]);
        Assert.Equal(new ActivityLine("lens", "lens", 25, 20, 200m, 5, 5m, 3), published.Single(l => l.Key == "lens"));
    }

    [Fact]
    public void A_networks_table_equal_to_the_sites_is_published_as_the_sites()
    {
        ActivityCounts[] lines = [Line("lille", 12, 10), Line("arras", 5, 9), Line("lens", 8, 40)];

        Assert.Equal(StatisticalSecret.Apply(lines), StatisticalSecret.Apply(lines, lines));
    }

    [Fact]
    public void Hidden_cells_of_a_column_never_add_up_to_one_to_four_exchanges()
    {
        // Roubaix and Lens hide 1 + 2 sales: the network's market total minus Lille's and Arras's would give 3.
        var lines = StatisticalSecret.Apply([Line("lille", 12, 10), Line("roubaix", 1, 9), Line("lens", 2, 40), Line("arras", 7, 30)]);

        Assert.Null(lines.Single(l => l.Key == "arras").MarketExchanges);
        Assert.Equal(12, lines.Single(l => l.Key == "lille").MarketExchanges);
    }

    /// <summary>
    /// Random pairs of tables, the whole site's and a network's inside it, both with their secret: whatever one adds and
    /// subtracts among the published figures (shown cells, line totals, the column totals of both tables), no hidden count
    /// of 1 to 4 comes back, neither a cell of either table nor the exchanges of a cell outside the network. Pairs whose
    /// column totals are themselves 1 to 4 are left out: those totals are published as they are.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void No_small_count_is_deducible_from_a_sites_and_a_networks_tables_together(int seed)
    {
        var random = new Random(seed);
        int Count() => random.Next(0, 3) == 0 ? 0 : random.Next(0, 2) == 0 ? random.Next(1, 5) : random.Next(1, 30);
        var checkedTables = 0;
        for (var table = 0; table < 300; table++)
        {
            var size = random.Next(1, 9);
            var network = Enumerable.Range(0, size).Select(_ => new[] { Count(), Count() }).Select(c => new[] { c[0], c[1], c[0] + c[1] }).ToList();
            var site = network.Select(c => new[] { c[0] + Count(), c[1] + Count() }).Select(c => new[] { c[0], c[1], c[0] + c[1] }).ToList();
            var organizations = network.Select(_ => random.Next(2, 6)).ToList();
            // A column total of 1 to 4 is published as such, out of any table's reach.
            if (Enumerable.Range(0, 3).Any(c => StatisticalSecret.IsSmall(site.Sum(l => l[c])) || StatisticalSecret.IsSmall(network.Sum(l => l[c]))
                || StatisticalSecret.IsSmall(site.Sum(l => l[c]) - network.Sum(l => l[c])))) continue;
            checkedTables++;

            var siteHidden = StatisticalSecret.Hide(site, organizations);
            var networkHidden = StatisticalSecret.Hide(network, organizations, site);

            var published = new Published(size);
            published.Add(0, site, siteHidden);
            published.Add(1, network, networkHidden);
            for (var i = 0; i < size; i++)
                for (var c = 0; c < 3; c++)
                {
                    Assert.False(!networkHidden[i][c] && StatisticalSecret.IsSmall(network[i][c]), $"table {table}: a small count is shown");
                    Assert.False(!networkHidden[i][c] && !siteHidden[i][c] && StatisticalSecret.IsSmall(site[i][c] - network[i][c]),
                        $"table {table}: the site minus the network shows a small count");
                    Assert.False(siteHidden[i][c] && StatisticalSecret.IsSmall(site[i][c]) && published.Gives(published.Cell(0, i, c)),
                        $"table {table}: the site's hidden line {i} column {c} is deducible");
                    Assert.False(networkHidden[i][c] && StatisticalSecret.IsSmall(network[i][c]) && published.Gives(published.Cell(1, i, c)),
                        $"table {table}: the network's hidden line {i} column {c} is deducible");
                    Assert.False(StatisticalSecret.IsSmall(site[i][c] - network[i][c]) && published.Gives(published.Outside(i, c)),
                        $"table {table}: the exchanges outside the network on line {i} column {c} are deducible");
                }
            for (var c = 0; c < 3; c++)
            {
                var rows = Enumerable.Range(0, size).Where(i => networkHidden[i][c]).ToList();
                Assert.False(StatisticalSecret.IsSmall(rows.Sum(i => network[i][c])), $"table {table}: the network's hidden cells of column {c} add up to a small count");
                Assert.False(rows.All(i => !siteHidden[i][c]) && StatisticalSecret.IsSmall(rows.Sum(i => site[i][c] - network[i][c])),
                    $"table {table}: the hidden cells of column {c} hold a small count outside the network");
            }
        }
        Assert.True(checkedTables > 150, $"only {checkedTables} pairs of tables checked");
    }

    [Fact]
    public void A_single_column_hides_its_small_counts_and_the_smallest_count_with_a_lone_one()
    {
        // EPCIs of 3 and 12 exchanges beside one of 40: the 3 alone would be the total minus the others, so the 12 goes too.
        Assert.Equal([true, true, false], StatisticalSecret.HideColumn([3, 12, 40]));
        // Two small counts of 2 and 1 add up to 3: the smallest shown count (not the zero) goes with them.
        Assert.Equal([true, true, false, true, false], StatisticalSecret.HideColumn([2, 1, 0, 9, 30]));
        Assert.Equal([false, false, false], StatisticalSecret.HideColumn([5, 0, 17]));
    }

    /// <summary>
    /// Random columns published with their total (the impact page's breakdowns): no small count is shown, and no set of
    /// lines holding 1 to 4 exchanges with a hidden one among them has a sum that additions and subtractions of the shown
    /// counts and the total give back. Columns whose total is itself 1 to 4 are left out: that total is published.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void No_small_count_is_deducible_from_a_columns_shown_counts_and_its_total(int seed)
    {
        var random = new Random(seed);
        var checkedColumns = 0;
        for (var column = 0; column < 300; column++)
        {
            var counts = Enumerable.Range(0, random.Next(1, 9))
                .Select(_ => random.Next(0, 3) == 0 ? 0 : random.Next(0, 2) == 0 ? random.Next(1, 5) : random.Next(1, 30)).ToList();
            if (StatisticalSecret.IsSmall(counts.Sum())) continue;
            checkedColumns++;

            var hidden = StatisticalSecret.HideColumn(counts);

            double[] Sum(IEnumerable<int> lines) { var form = new double[counts.Count]; foreach (var i in lines) form[i] = 1; return form; }
            List<double[]> published = [.. Enumerable.Range(0, counts.Count).Where(i => !hidden[i]).Select(i => Sum([i])), Sum(Enumerable.Range(0, counts.Count))];
            for (var i = 0; i < counts.Count; i++)
                Assert.False(!hidden[i] && StatisticalSecret.IsSmall(counts[i]), $"column {column}: a small count is shown");
            for (var subset = 1; subset < 1 << counts.Count; subset++)
            {
                var lines = Enumerable.Range(0, counts.Count).Where(i => (subset & (1 << i)) != 0).ToList();
                if (!lines.Any(i => hidden[i]) || !StatisticalSecret.IsSmall(lines.Sum(i => counts[i]))) continue;
                Assert.NotEqual(Published.Rank(published), Published.Rank([.. published, Sum(lines)]));
            }
        }
        Assert.True(checkedColumns > 200, $"only {checkedColumns} columns checked");
    }

    /// <summary>
    /// What the published figures of a site's and a network's tables tell, as linear equations over their unknown market
    /// and non-market counts (a total is their sum): a figure is deducible by additions and subtractions of published ones
    /// exactly when its equation is a combination of theirs, that is when adding it leaves the equations' rank unchanged.
    /// </summary>
    sealed class Published(int size)
    {
        readonly List<double[]> _equations = [];

        public double[] Cell(int table, int line, int column)
        {
            var form = new double[4 * size];
            if (column != 1) form[table * 2 * size + 2 * line] = 1;
            if (column != 0) form[table * 2 * size + 2 * line + 1] = 1;
            return form;
        }

        public double[] Outside(int line, int column) => Cell(0, line, column).Zip(Cell(1, line, column), (s, n) => s - n).ToArray();

        public void Add(int table, IReadOnlyList<int[]> cells, bool[][] hidden)
        {
            for (var i = 0; i < size; i++)
                for (var c = 0; c < 3; c++)
                    if (!hidden[i][c]) _equations.Add(Cell(table, i, c));
            for (var c = 0; c < 2; c++)
                _equations.Add(Enumerable.Range(0, size).Select(i => Cell(table, i, c)).Aggregate((a, b) => a.Zip(b, (x, y) => x + y).ToArray()));
        }

        public bool Gives(double[] figure) => Rank([.. _equations, figure]) == Rank(_equations);

        internal static int Rank(IReadOnlyList<double[]> rows)
        {
            var m = rows.Select(r => (double[])r.Clone()).ToArray();
            var rank = 0;
            for (var column = 0; column < (m.Length == 0 ? 0 : m[0].Length) && rank < m.Length; column++)
            {
                var pivot = Enumerable.Range(rank, m.Length - rank).OrderByDescending(r => Math.Abs(m[r][column])).First();
                if (Math.Abs(m[pivot][column]) < 1e-9) continue;
                (m[rank], m[pivot]) = (m[pivot], m[rank]);
                for (var r = 0; r < m.Length; r++)
                {
                    if (r == rank || m[r][column] == 0) continue;
                    var factor = m[r][column] / m[rank][column];
                    for (var k = column; k < m[r].Length; k++) m[r][k] -= factor * m[rank][k];
                }
                rank++;
            }
            return rank;
        }
    }
}
