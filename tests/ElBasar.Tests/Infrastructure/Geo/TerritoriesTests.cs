using ElBasar.Web.Infrastructure.Geo;

namespace ElBasar.Tests.Infrastructure.Geo;

public sealed class TerritoriesTests
{
    // Read once for the class: the referential is large, and read-only once loaded.
    static readonly Territories France = Territories.LoadDefault();

    [Theory]
    [InlineData("59350", "Lille", "59", "Nord", "32", "Hauts-de-France")]
    [InlineData("62041", "Arras", "62", "Pas-de-Calais", "32", "Hauts-de-France")]
    [InlineData("2A004", "Ajaccio", "2A", "Corse-du-Sud", "94", "Corse")]
    [InlineData("97411", "Saint-Denis", "974", "La Réunion", "04", "La Réunion")]
    [InlineData("75111", "Paris 11e Arrondissement", "75", "Paris", "11", "Île-de-France")]
    public void Commune_knows_its_departement_and_region(
        string insee, string name, string departementCode, string departement, string regionCode, string region)
    {
        var commune = France.FindCommune(insee);

        Assert.NotNull(commune);
        Assert.Equal(name, commune.Name);
        Assert.Equal(departementCode, commune.DepartementCode);
        Assert.Equal(departement, France.FindDepartement(commune.DepartementCode)?.Name);
        Assert.Equal(regionCode, commune.RegionCode);
        Assert.Equal(region, France.FindRegion(commune.RegionCode)?.Name);
    }

    [Fact]
    public void Lille_belongs_to_the_metropole_européenne()
    {
        var lille = France.FindCommune("59350")!;

        Assert.Equal("200093201", lille.EpciCode);
        var epci = France.FindEpci(lille.EpciCode!);
        Assert.NotNull(epci);
        Assert.Equal("Métropole Européenne de Lille", epci.Name);
        Assert.Equal("METRO", epci.Type);
        Assert.Contains("59350", epci.CommuneCodes);
        Assert.Contains(France.CommunesOfEpci("200093201"), c => c.Name == "Villeneuve-d'Ascq");
        Assert.Equal(238_246, lille.Population);
        Assert.Contains("59000", lille.PostalCodes);
    }

    [Fact]
    public void Arrondissement_belongs_to_the_epci_of_its_city()
    {
        var paris = France.FindCommune("75056")!;
        var eleventh = France.FindCommune("75111")!;

        Assert.NotNull(paris.EpciCode);
        Assert.Equal(paris.EpciCode, eleventh.EpciCode);
        Assert.Contains(eleventh, France.CommunesOfEpci(paris.EpciCode!));
    }

    [Theory]
    [InlineData("59298", "59350")]   // Hellemmes-Lille, associated to Lille
    [InlineData("59355", "59350")]   // Lomme, associated to Lille
    [InlineData("59020", "59009")]   // only a former code of Villeneuve-d'Ascq, no longer listed itself
    [InlineData("62461", "62447")]   // Huby-Saint-Leu, merged into Hesdin-la-Forêt
    [InlineData("62447", "62447")]   // Hesdin, delegated, shares the code of the new commune
    [InlineData("55273", "55386")]   // associated to 55386 today, though listed among 55245's former codes
    public void Old_code_leads_to_the_current_commune(string oldCode, string currentCode)
    {
        Assert.Equal(currentCode, France.FindCommune(oldCode)?.Code);
    }

    [Fact]
    public void Hesdin_la_Forêt_keeps_its_own_name_over_its_delegated_commune()
    {
        var commune = France.FindCommune("62447")!;

        Assert.Equal("Hesdin-la-Forêt", commune.Name);
        Assert.Equal("Pas-de-Calais", France.FindDepartement(commune.DepartementCode)!.Name);
    }

    [Theory]
    [InlineData("villeneuve d'ascq", "59009")]
    [InlineData("VILLENEUVE-D’ASCQ", "59009")]
    [InlineData("villeneuve d", "59009")]
    [InlineData("arras", "62041")]
    [InlineData("  Lille ", "59350")]
    [InlineData("hesdin la foret", "62447")]
    [InlineData("marcq en baroeul", "59378")]
    [InlineData("st omer", "62765")]
    [InlineData("saint-omer", "62765")]
    [InlineData("62000", "62041")]
    [InlineData("59009", "59009")]
    [InlineData("2a004", "2A004")]
    public void Search_puts_the_expected_commune_first(string text, string expected)
    {
        var found = France.SearchCommunes(text, 10);

        Assert.NotEmpty(found);
        Assert.Equal(expected, found[0].Code);
    }

    [Fact]
    public void Search_by_postal_code_lists_every_commune_of_that_code()
    {
        var found = France.SearchCommunes("62000", 10);

        Assert.Equal(["Arras", "Dainville"], found.Select(c => c.Name));
    }

    [Fact]
    public void Postal_code_comes_before_the_same_insee_code()
    {
        // 59350 is the postal code of Saint-André-lez-Lille and the INSEE code of Lille: people type postal codes.
        var found = France.SearchCommunes("59350", 10);

        Assert.Equal(["Saint-André-lez-Lille", "Lille"], found.Select(c => c.Name));
    }

    [Fact]
    public void Exact_name_comes_before_larger_communes_that_start_alike()
    {
        var found = France.SearchCommunes("clermont", 5);

        Assert.Equal(["60157", "40084", "74078", "09097"], found.Take(4).Select(c => c.Code));
        Assert.Equal("Clermont-Ferrand", found[4].Name);
    }

    [Fact]
    public void Search_ranks_by_population_after_the_exact_name()
    {
        var found = France.SearchCommunes("saint", 50);

        Assert.Equal(50, found.Count);
        Assert.All(found, c => Assert.StartsWith("Saint", c.Name));
        Assert.Equal(found.OrderByDescending(c => c.Population).Select(c => c.Code), found.Select(c => c.Code));
    }

    [Theory]
    [InlineData("", 10)]
    [InlineData("   ", 10)]
    [InlineData("-'", 10)]
    [InlineData("zzzz", 10)]
    [InlineData("99999", 10)]
    [InlineData("lille", 0)]
    public void Search_finds_nothing_for_blank_unknown_or_no_room(string text, int max)
    {
        Assert.Empty(France.SearchCommunes(text, max));
    }

    [Theory]
    [InlineData("00000")]
    [InlineData("200093201")]
    [InlineData("")]
    public void Unknown_codes_find_nothing(string code)
    {
        Assert.Null(France.FindCommune(code));
        Assert.Null(France.FindDepartement(code));
        Assert.Null(France.FindRegion(code));
        Assert.Empty(France.CommunesOfDepartement(code));
        Assert.Empty(France.DepartementsOf(code));
    }

    [Fact]
    public void Departements_are_sorted_by_code_with_corsica_in_its_place()
    {
        var codes = France.Departements.Select(d => d.Code).ToList();

        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Equal("01", codes[0]);
        Assert.Equal(["29", "2A", "2B", "30"], codes.SkipWhile(c => c != "29").Take(4));
        Assert.Contains("974", codes);
    }

    [Fact]
    public void Hauts_de_France_has_five_departements()
    {
        Assert.Equal(["02", "59", "60", "62", "80"], France.DepartementsOf("32").Select(d => d.Code));
        Assert.Equal("Hauts-de-France", France.Regions.Single(r => r.Code == "32").Name);
    }

    [Fact]
    public void Communes_of_a_departement_are_listed_in_french_order()
    {
        var names = France.CommunesOfDepartement("80").Select(c => c.Name).ToList();

        Assert.True(names.IndexOf("Eaucourt-sur-Somme") < names.IndexOf("Éclusier-Vaux"));
        Assert.True(names.IndexOf("Éclusier-Vaux") < names.IndexOf("Embreville"));
        Assert.All(France.CommunesOfDepartement("80"), c => Assert.Equal("80", c.DepartementCode));
        Assert.Same(France.CommunesOfDepartement("80"), France.CommunesOfDepartement("80"));
    }
}
