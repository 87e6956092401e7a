using ElBasar.Web.Features.Search;

namespace ElBasar.Web.Features.Membership.Import;

/// <summary>What a column of a members' spreadsheet holds; <see cref="Ignore"/> leaves it out.</summary>
public enum MemberField
{
    Ignore, Name, LegalForm, Siret, Email, Phone, Address, PostalCode, Commune, Employees, Contact, Year, Fee, Method, PaidOn,
}

/// <summary>The fields' French names and form values, and the guess of a column's field from its header.</summary>
public static class MemberFields
{
    public static readonly IReadOnlyList<(MemberField Field, string Value, string Label)> All =
    [
        (MemberField.Ignore, "ignorer", "Ignorer cette colonne"),
        (MemberField.Name, "nom", "Nom de la structure"),
        (MemberField.LegalForm, "forme", "Forme juridique"),
        (MemberField.Siret, "siret", "SIRET"),
        (MemberField.Email, "courriel", "Courriel"),
        (MemberField.Phone, "telephone", "Téléphone"),
        (MemberField.Address, "adresse", "Adresse (rue)"),
        (MemberField.PostalCode, "code-postal", "Code postal"),
        (MemberField.Commune, "commune", "Commune"),
        (MemberField.Employees, "salaries", "Salariés (nombre, ou oui / non)"),
        (MemberField.Contact, "contact", "Personne à contacter"),
        (MemberField.Year, "annee", "Année d'adhésion"),
        (MemberField.Fee, "cotisation", "Cotisation (€)"),
        (MemberField.Method, "reglement", "Mode de règlement"),
        (MemberField.PaidOn, "date-paiement", "Date du paiement"),
    ];

    public static string Value(MemberField field) => All.First(f => f.Field == field).Value;

    public static string Label(MemberField field) => All.First(f => f.Field == field).Label;

    public static MemberField? Parse(string? value) => All.FirstOrDefault(f => f.Value == value) is { Value: not null } found ? found.Field : null;

    /// <summary>Each column's likely field from its header ("Raison sociale", "Courriel", "CP"…); a field goes to the first column that names it.</summary>
    public static MemberField[] Guess(IReadOnlyList<string> headers)
    {
        var taken = new HashSet<MemberField>();
        return headers.Select(h =>
        {
            var field = GuessOne(h);
            return field != MemberField.Ignore && taken.Add(field) ? field : MemberField.Ignore;
        }).ToArray();
    }

    static MemberField GuessOne(string header)
    {
        var h = " " + SearchText.Normalize(header) + " ";
        bool Has(params string[] words) => words.Any(w => h.Contains(w, StringComparison.Ordinal));
        if (Has("siret", "siren")) return MemberField.Siret;
        if (Has("mail", "courriel")) return MemberField.Email;
        if (Has(" tel", "telephone", "portable", "mobile")) return MemberField.Phone;
        if (Has("code postal", " cp ", "postal")) return MemberField.PostalCode;
        if (Has("date")) return MemberField.PaidOn;
        if (Has("mode de paiement", "mode de reglement", "reglement", "paiement", "moyen")) return MemberField.Method;
        if (Has("cotisation", "montant")) return MemberField.Fee;
        if (Has("annee", "exercice", "millesime")) return MemberField.Year;
        if (Has("forme", "statut juridique")) return MemberField.LegalForm;
        if (Has("salarie", "effectif", "employe", "etp")) return MemberField.Employees;
        if (Has("contact", "referent", "responsable", "prenom", "personne", "president", "representant")) return MemberField.Contact;
        if (Has("ville", "commune", "localite")) return MemberField.Commune;
        if (Has("adresse", " rue ", " voie ")) return MemberField.Address;
        if (Has("raison sociale", "structure", "organisation", "association", "denomination", "nom", "adherent", "membre")) return MemberField.Name;
        return MemberField.Ignore;
    }
}
