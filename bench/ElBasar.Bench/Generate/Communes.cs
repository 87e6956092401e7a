namespace ElBasar.Bench.Generate;

/// <summary>A commune of Hauts-de-France: real INSEE code, postal code and population (Etalab's
/// administrative split), and a point near its centre.</summary>
sealed record CommuneRow(string Insee, string Name, string PostalCode, double Latitude, double Longitude, int Population)
{
    /// <summary>Neighbourhoods people name in a listing, when the commune is big enough to have some.</summary>
    public IReadOnlyList<string> Quartiers => Communes.QuartiersOf(Insee);
}

/// <summary>
/// The communes listings are spread over, drawn in proportion to their population (Lille and
/// the Métropole weigh most, as they do in real networks). Points are placed a few hundred
/// metres around the centre, so that radius searches see clusters and not a single point per town.
/// </summary>
static class Communes
{
    public static readonly IReadOnlyList<CommuneRow> All =
    [
        // Nord
        new("59350", "Lille", "59000", 50.6365, 3.0635, 238246),
        new("59512", "Roubaix", "59100", 50.6901, 3.1817, 98286),
        new("59599", "Tourcoing", "59200", 50.7239, 3.1612, 98772),
        new("59183", "Dunkerque", "59140", 51.0343, 2.3768, 86263),
        new("59009", "Villeneuve-d'Ascq", "59650", 50.6233, 3.1450, 62868),
        new("59606", "Valenciennes", "59300", 50.3570, 3.5235, 43468),
        new("59178", "Douai", "59500", 50.3703, 3.0799, 40250),
        new("59650", "Wattrelos", "59150", 50.7017, 3.2170, 40847),
        new("59378", "Marcq-en-Barœul", "59700", 50.6711, 3.0972, 40184),
        new("59122", "Cambrai", "59400", 50.1760, 3.2346, 31134),
        new("59392", "Maubeuge", "59600", 50.2775, 3.9734, 28767),
        new("59328", "Lambersart", "59130", 50.6500, 3.0250, 27090),
        new("59017", "Armentières", "59280", 50.6880, 2.8810, 26998),
        new("59295", "Hazebrouck", "59190", 50.7245, 2.5392, 21912),
        new("59163", "Croix", "59170", 50.6781, 3.1508, 20566),
        new("59360", "Loos", "59120", 50.6146, 3.0163, 22567),
        new("59646", "Wasquehal", "59290", 50.6700, 3.1300, 20726),
        new("59368", "La Madeleine", "59110", 50.6550, 3.0710, 21790),
        new("59410", "Mons-en-Barœul", "59370", 50.6410, 3.1100, 21105),
        new("59560", "Seclin", "59113", 50.5486, 3.0294, 13261),
        new("59279", "Halluin", "59250", 50.7836, 3.1256, 20715),
        new("59271", "Grande-Synthe", "59760", 51.0139, 2.3028, 20239),
        new("59172", "Denain", "59220", 50.3290, 3.3960, 20665),
        new("59014", "Anzin", "59410", 50.3720, 3.5050, 13183),
        new("59526", "Saint-Amand-les-Eaux", "59230", 50.4477, 3.4279, 15974),
        new("59043", "Bailleul", "59270", 50.7392, 2.7353, 14732),
        new("59139", "Caudry", "59540", 50.1250, 3.4120, 13833),
        new("59036", "Avesnes-sur-Helpe", "59440", 50.1236, 3.9275, 4012),
        new("59249", "Fourmies", "59610", 50.0167, 4.0533, 11449),
        new("59136", "Le Cateau-Cambrésis", "59360", 50.1040, 3.5430, 6764),
        new("59155", "Coudekerque-Branche", "59210", 51.0224, 2.3934, 20787),
        new("59152", "Comines", "59560", 50.7617, 3.0078, 12731),
        new("59507", "Ronchin", "59790", 50.6050, 3.0900, 19787),
        new("59220", "Faches-Thumesnil", "59155", 50.5990, 3.0730, 18619),
        new("59367", "Lys-lez-Lannoy", "59390", 50.6700, 3.2150, 14050),
        // Pas-de-Calais
        new("62193", "Calais", "62100", 50.9513, 1.8587, 67571),
        new("62160", "Boulogne-sur-Mer", "62200", 50.7264, 1.6147, 40539),
        new("62041", "Arras", "62000", 50.2910, 2.7775, 42875),
        new("62498", "Lens", "62300", 50.4320, 2.8333, 32920),
        new("62510", "Liévin", "62800", 50.4228, 2.7786, 30063),
        new("62119", "Béthune", "62400", 50.5303, 2.6408, 25224),
        new("62427", "Hénin-Beaumont", "62110", 50.4217, 2.9508, 25688),
        new("62765", "Saint-Omer", "62500", 50.7500, 2.2522, 14382),
        new("62178", "Bruay-la-Buissière", "62700", 50.4833, 2.5500, 21424),
        new("62108", "Berck", "62600", 50.4080, 1.5930, 12951),
        new("62215", "Carvin", "62220", 50.4936, 2.9581, 17909),
        new("62588", "Montreuil-sur-Mer", "62170", 50.4639, 1.7636, 1912),
        new("62826", "Le Touquet-Paris-Plage", "62520", 50.5219, 1.5856, 4224),
        new("62318", "Étaples", "62630", 50.5126, 1.6393, 10710),
        new("62065", "Avion", "62210", 50.4100, 2.8330, 17435),
        new("62767", "Saint-Pol-sur-Ternoise", "62130", 50.3817, 2.3350, 4677),
        new("62014", "Aire-sur-la-Lys", "62120", 50.6386, 2.3961, 9598),
        new("62643", "Outreau", "62230", 50.7050, 1.5940, 13138),
        new("62525", "Longuenesse", "62219", 50.7361, 2.2444, 10548),
        // Somme
        new("80021", "Amiens", "80000", 49.8942, 2.2957, 136449),
        new("80001", "Abbeville", "80100", 50.1054, 1.8332, 22395),
        new("80016", "Albert", "80300", 50.0017, 2.6522, 9521),
        new("80620", "Péronne", "80200", 49.9319, 2.9333, 7090),
        new("80561", "Montdidier", "80500", 49.6475, 2.5697, 5935),
        new("80253", "Doullens", "80600", 50.1572, 2.3406, 5751),
        new("80410", "Ham", "80400", 49.7470, 3.0730, 4378),
        new("80721", "Saint-Valery-sur-Somme", "80230", 50.1850, 1.6350, 2306),
        new("80164", "Camon", "80450", 49.8890, 2.3450, 4359),
        new("80368", "Friville-Escarbotin", "80130", 50.0850, 1.5450, 4306),
        // Aisne
        new("02691", "Saint-Quentin", "02100", 49.8465, 3.2876, 52813),
        new("02722", "Soissons", "02200", 49.3817, 3.3236, 28046),
        new("02408", "Laon", "02000", 49.5641, 3.6199, 24220),
        new("02168", "Château-Thierry", "02400", 49.0464, 3.4031, 15097),
        new("02173", "Chauny", "02300", 49.6153, 3.2194, 11596),
        new("02738", "Tergnier", "02700", 49.6560, 3.3010, 13045),
        new("02381", "Hirson", "02500", 49.9217, 4.0839, 8469),
        new("02810", "Villers-Cotterêts", "02600", 49.2536, 3.0906, 10489),
        new("02361", "Guise", "02120", 49.9000, 3.6280, 4490),
        new("02095", "Bohain-en-Vermandois", "02110", 49.9858, 3.4536, 5605),
        // Oise
        new("60057", "Beauvais", "60000", 49.4300, 2.0833, 55550),
        new("60159", "Compiègne", "60200", 49.4179, 2.8261, 40761),
        new("60175", "Creil", "60100", 49.2597, 2.4747, 36301),
        new("60463", "Nogent-sur-Oise", "60180", 49.2717, 2.4683, 21907),
        new("60612", "Senlis", "60300", 49.2069, 2.5864, 15157),
        new("60471", "Noyon", "60400", 49.5817, 2.9997, 12971),
        new("60157", "Clermont", "60600", 49.3789, 2.4125, 10564),
        new("60141", "Chantilly", "60500", 49.1947, 2.4711, 10591),
        new("60395", "Méru", "60110", 49.2367, 2.1339, 13897),
        new("60176", "Crépy-en-Valois", "60800", 49.2342, 2.8889, 14351),
        new("60414", "Montataire", "60160", 49.2567, 2.4383, 14257),
        new("60509", "Pont-Sainte-Maxence", "60700", 49.3017, 2.6044, 12361),
        new("60382", "Margny-lès-Compiègne", "60280", 49.4261, 2.8203, 8677),
    ];

    static readonly WeightedTable ByPopulation = new(All.Select(c => (double)c.Population));

    public static CommuneRow Sample(Rng rng) => All[ByPopulation.Sample(rng)];

    static readonly Dictionary<string, string[]> Neighbourhoods = new(StringComparer.Ordinal)
    {
        ["59350"] = ["Wazemmes", "Fives", "Moulins", "Vauban", "Vieux-Lille", "Saint-Maurice Pellevoisin", "Lille-Sud", "Bois-Blancs", "Hellemmes", "Lomme", "Faubourg de Béthune", "Centre"],
        ["59512"] = ["l'Alma", "l'Épeule", "le Pile", "Fresnoy-Mackellerie", "l'Hommelet", "le Trichon", "Sainte-Élisabeth", "Moulin-Potennerie"],
        ["59599"] = ["la Bourgogne", "Blanc-Seau", "le Virolois", "la Marlière", "le Brun-Pain", "Pont-Rompu"],
        ["59183"] = ["Malo-les-Bains", "Petite-Synthe", "Rosendaël", "la Citadelle", "Saint-Pol-sur-Mer", "le Jeu de Mail"],
        ["59009"] = ["Flers", "Annappes", "Ascq", "le Triolo", "Pont-de-Bois", "la Cousinerie"],
        ["59606"] = ["le Faubourg de Paris", "Chasse Royale", "Saint-Waast", "la Briquette"],
        ["59178"] = ["Frais-Marais", "Dorignies", "Faubourg d'Esquerchin", "Gayant"],
        ["62193"] = ["Beau-Marais", "Fort-Nieulay", "Saint-Pierre", "le Courgain", "Calais-Nord"],
        ["62160"] = ["Capécure", "la Haute-Ville", "le Chemin Vert", "Transition"],
        ["62041"] = ["Baudimont", "Saint-Michel", "les Blancs Monts", "Méaulens"],
        ["62498"] = ["la Grande Résidence", "cité 12-14", "Sellier"],
        ["80021"] = ["Saint-Leu", "Étouvie", "Henriville", "Saint-Maurice", "Saint-Pierre", "Amiens Nord", "Saint-Acheul"],
        ["02691"] = ["Europe", "le Vermandois", "Remicourt", "le Faubourg d'Isle"],
        ["60057"] = ["Saint-Jean", "Argentine", "Saint-Lucien", "Notre-Dame-du-Thil"],
        ["60159"] = ["le Clos des Roses", "la Victoire", "Royallieu", "Bellicart"],
        ["60175"] = ["le Plateau Rouher", "les Hauts de Creil", "Gournay"],
    };

    public static IReadOnlyList<string> QuartiersOf(string insee) => Neighbourhoods.GetValueOrDefault(insee) ?? [];

    /// <summary>A point about <paramref name="sigmaMetres"/> around the centre (never more than three times that).</summary>
    public static (double Latitude, double Longitude) Around(CommuneRow commune, Rng rng, double sigmaMetres = 350)
    {
        const double MetresPerDegreeLat = 111_320;
        var north = Math.Clamp(rng.Gaussian(), -3, 3) * sigmaMetres;
        var east = Math.Clamp(rng.Gaussian(), -3, 3) * sigmaMetres;
        var lat = commune.Latitude + north / MetresPerDegreeLat;
        var lon = commune.Longitude + east / (MetresPerDegreeLat * Math.Cos(commune.Latitude * Math.PI / 180));
        return (Math.Round(lat, 5), Math.Round(lon, 5));
    }
}
