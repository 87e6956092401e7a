using ElBasar.Web.Features.OpenData;

namespace ElBasar.Tests.Features.OpenData;

/// <summary>
/// The secret of the activity tables: no shown cell under five exchanges, no line of fewer than three
/// organisations, and nothing hidden that a subtraction (along a line or down a column) gives back.
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
}
