namespace ElBasar.Web.Features.OpenData;

/// <summary>A column of a published file, as its data dictionary describes it.</summary>
public sealed record Column(string Name, string Type, string Meaning);

/// <summary>A published file: its address, its title, what it holds, whose licence applies, and its columns.</summary>
public sealed record Dataset(string Path, string Title, string Description, bool IsDirectory, IReadOnlyList<Column> Columns);

/// <summary>
/// The data dictionary of the open data: each file's columns in the order they are written. The page
/// <c>/donnees-ouvertes</c> shows it, the CSV writers take their header line from it, so both stay in step.
/// </summary>
public static class Datasets
{
    public const string SecretNote =
        "Vide : secret statistique (moins de 5 échanges, ou moins de 3 structures du lieu, ou case masquée pour qu'on ne puisse pas la retrouver par soustraction).";

    static readonly Column[] Figures =
    [
        new("echanges", "entier", "Échanges confirmés par les deux parties. " + SecretNote),
        new("echanges_marchands", "entier", "Dont échanges marchands (vente, location, prestation). " + SecretNote),
        new("montant_marchand_eur", "décimal (virgule)", "Montant total des échanges marchands, en euros. Vide quand le nombre d'échanges marchands l'est."),
        new("echanges_non_marchands", "entier", "Dont échanges non marchands (don, prêt, troc, coup de main…). " + SecretNote),
        new("heures_non_marchandes", "décimal (virgule)", "Temps donné lors des échanges non marchands, en heures. Vide quand le nombre d'échanges non marchands l'est."),
        new("structures", "entier", "Structures ayant pris part à ces échanges (pour un lieu : celles du lieu). Vide quand « echanges » l'est."),
    ];

    public static readonly Dataset Directory = new("/donnees-ouvertes/annuaire.csv", "Annuaire des structures",
        "Les structures dont la fiche est publique, avec leurs seules informations publiques. Les profils personnels (une personne qui agit en son nom) n'y sont pas : ce sont des données personnelles.",
        IsDirectory: true,
        [
            new("identifiant", "texte (UUID)", "Identifiant stable de la structure sur le site."),
            new("nom", "texte", "Nom de la structure."),
            new("forme_juridique", "texte", "Forme juridique (association, coopérative…), vide si inconnue."),
            new("commune", "texte", "Commune du siège ou du local."),
            new("code_insee", "texte (5 caractères)", "Code officiel géographique (INSEE) de la commune."),
            new("code_postal", "texte", "Code postal."),
            new("site_web", "texte (URL)", "Site web, seulement si la structure l'a rendu public."),
            new("activites", "texte", "Activités, séparées par « | »."),
            new("membre_du_reseau", "oui / non", "La structure est membre du réseau de ces données (sans réseau choisi : le réseau principal du site) : charte acceptée, adhésion."),
            new("latitude", "décimal (virgule, WGS 84)", "Latitude du lieu, vide si inconnue."),
            new("longitude", "décimal (virgule, WGS 84)", "Longitude du lieu, vide si inconnue."),
            new("fiche", "texte (URL)", "Adresse de la fiche de la structure sur le site."),
        ]);

    public static readonly Dataset Communes = new("/donnees-ouvertes/activite-communes.csv", "Activité par commune",
        "Les échanges confirmés d'une année civile terminée, comptés dans la commune de chacune des deux parties (une fois si elles sont dans la même commune).",
        IsDirectory: false,
        [
            new("code_insee", "texte (5 caractères)", "Code officiel géographique de la commune."),
            new("commune", "texte", "Nom de la commune."),
            new("code_epci", "texte (SIREN)", "EPCI de la commune."),
            new("departement", "texte", "Code du département."),
            new("annee", "entier", "Année civile comptée."),
            .. Figures,
        ]);

    public static readonly Dataset Epcis = new("/donnees-ouvertes/activite-epci.csv", "Activité par EPCI",
        "Les échanges confirmés d'une année civile terminée, comptés dans l'intercommunalité (EPCI) de chacune des deux parties.",
        IsDirectory: false,
        [
            new("code_epci", "texte (SIREN)", "Numéro SIREN de l'EPCI."),
            new("epci", "texte", "Nom de l'EPCI."),
            new("annee", "entier", "Année civile comptée."),
            .. Figures,
        ]);

    public static readonly Dataset Months = new("/donnees-ouvertes/activite-mois.csv", "Activité par mois",
        "Les échanges confirmés de tout le réseau, mois par mois (mois terminés ; les douze derniers par défaut).",
        IsDirectory: false,
        [
            new("mois", "texte (AAAA-MM)", "Mois compté."),
            .. Figures,
        ]);

    public static readonly IReadOnlyList<Dataset> All = [Directory, Communes, Epcis, Months];

    public static Dataset Of(ActivityBy by) => by switch
    {
        ActivityBy.Commune => Communes,
        ActivityBy.Epci => Epcis,
        _ => Months,
    };
}
