using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ElBasar.Web.Features.Directory.Editing;

/// <summary>
/// An organisation's profile as the form posts it. Numbers and places stay text, so a refused form
/// shows exactly what was typed; <see cref="Check"/> reads them into <see cref="ProfileValues"/>.
/// </summary>
public sealed partial class ProfileInput
{
    public const int MaxActivities = 20;
    public const int MaxActivityLength = 100;

    [Required(ErrorMessage = "Indiquez le nom.")]
    [StringLength(200, ErrorMessage = "Le nom doit faire au plus 200 caractères.")]
    [Display(Name = "Nom")]
    public string Name { get; set; } = "";

    [Display(Name = "Forme juridique")]
    public string? LegalForm { get; set; }

    [StringLength(10000, ErrorMessage = "La présentation doit faire au plus 10 000 caractères.")]
    [Display(Name = "Présentation")]
    public string? Description { get; set; }

    [StringLength(3000, ErrorMessage = "Les activités doivent faire au plus 3 000 caractères en tout.")]
    [Display(Name = "Activités (une par ligne)")]
    public string? Activities { get; set; }

    [StringLength(320, ErrorMessage = "L'adresse e-mail doit faire au plus 320 caractères.")]
    [EmailAddress(ErrorMessage = "Cette adresse e-mail n'est pas valide.")]
    [Display(Name = "Adresse e-mail de contact")]
    public string? Email { get; set; }

    public ContactVisibility EmailVisibility { get; set; }

    [StringLength(40, ErrorMessage = "Le téléphone doit faire au plus 40 caractères.")]
    [RegularExpression(@"^\+?[0-9][0-9 .()\-]{5,39}$", ErrorMessage = "Ce numéro de téléphone n'est pas valide : des chiffres, espaces, points ou tirets, par exemple 03 20 00 00 00.")]
    [Display(Name = "Téléphone")]
    public string? Phone { get; set; }

    public ContactVisibility PhoneVisibility { get; set; }

    [StringLength(500, ErrorMessage = "L'adresse du site doit faire au plus 500 caractères.")]
    [Display(Name = "Site web")]
    public string? Website { get; set; }

    public ContactVisibility WebsiteVisibility { get; set; }

    [StringLength(200, ErrorMessage = "La commune doit faire au plus 200 caractères.")]
    [Display(Name = "Commune")]
    public string? Commune { get; set; }

    /// <summary>The commune the field showed when the form was drawn, so homonyms stay apart.</summary>
    public string? CommuneInsee { get; set; }

    [StringLength(30, ErrorMessage = "La latitude est trop longue.")]
    [Display(Name = "Latitude")]
    public string? Latitude { get; set; }

    [StringLength(30, ErrorMessage = "La longitude est trop longue.")]
    [Display(Name = "Longitude")]
    public string? Longitude { get; set; }

    [StringLength(10, ErrorMessage = "Le nombre de salariés est trop long.")]
    [Display(Name = "Nombre de salariés")]
    public string? Employees { get; set; }

    public static ProfileInput From(Organization o) => new()
    {
        Name = o.Name,
        LegalForm = o.LegalForm,
        Description = o.Description,
        Activities = string.Join("\n", o.Activities.OrderBy(a => a.Position).Select(a => a.Label)),
        Email = o.Email, EmailVisibility = o.EmailVisibility,
        Phone = o.Phone, PhoneVisibility = o.PhoneVisibility,
        Website = o.Website, WebsiteVisibility = o.WebsiteVisibility,
        Commune = o.CommuneInsee is null ? o.Commune : $"{o.Commune} ({o.PostalCode ?? o.CommuneInsee})",
        CommuneInsee = o.CommuneInsee,
        Latitude = o.Latitude?.ToString(CultureInfo.InvariantCulture),
        Longitude = o.Longitude?.ToString(CultureInfo.InvariantCulture),
        Employees = o.Employees?.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>What a commune field shows: "Lille (59000)", the name and its first postal code.</summary>
    public static string CommuneLabel(Commune commune) => $"{commune.Name} ({commune.PostalCodes.FirstOrDefault() ?? commune.Code})";

    /// <summary>Reads the text fields; each problem goes to <paramref name="state"/> under the field's name, quoting what was typed.</summary>
    public ProfileValues? Check(Taxonomy taxonomy, Territories territories, ModelStateDictionary state)
    {
        const string prefix = "Input.";
        var legalForm = Blank(LegalForm) ? null : taxonomy.FindLegalForm(LegalForm!.Trim())?.Slug;
        if (!Blank(LegalForm) && legalForm is null)
            state.AddModelError(prefix + nameof(LegalForm), $"La forme juridique « {LegalForm} » n'existe pas.");

        var activities = (Activities ?? "").Split(['\n', '\r', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .DistinctBy(a => a.ToLowerInvariant()).ToList();
        if (activities.Count > MaxActivities)
            state.AddModelError(prefix + nameof(Activities), $"Indiquez au plus {MaxActivities} activités ({activities.Count} données).");
        foreach (var activity in activities.Where(a => a.Length > MaxActivityLength))
            state.AddModelError(prefix + nameof(Activities), $"L'activité « {activity[..40]}… » dépasse {MaxActivityLength} caractères.");

        var website = Blank(Website) ? null : Website!.Trim();
        if (website is not null && !website.Contains("://", StringComparison.Ordinal)) website = "https://" + website;
        if (website is not null && !(Uri.TryCreate(website, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Contains('.')))
            state.AddModelError(prefix + nameof(Website), $"L'adresse du site « {Website} » n'est pas valide : par exemple https://www.exemple.fr.");

        Commune? commune = null;
        if (!Blank(Commune))
        {
            commune = FindCommune(Commune!.Trim(), CommuneInsee, territories);
            if (commune is null)
                state.AddModelError(prefix + nameof(Commune), $"Aucune commune ne correspond à « {Commune} » : vérifiez l'orthographe ou donnez le code postal.");
        }

        var latitude = Number(Latitude, prefix + nameof(Latitude), "La latitude", -90, 90, state);
        var longitude = Number(Longitude, prefix + nameof(Longitude), "La longitude", -180, 180, state);
        if ((latitude is null) != (longitude is null) && state.IsValid)
            state.AddModelError(prefix + (latitude is null ? nameof(Latitude) : nameof(Longitude)), "Donnez la latitude et la longitude, ou aucune des deux.");

        int? employees = null;
        if (!Blank(Employees))
        {
            if (int.TryParse(Employees!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 1_000_000) employees = n;
            else state.AddModelError(prefix + nameof(Employees), $"Le nombre de salariés « {Employees} » doit être un nombre entier, 0 ou plus.");
        }

        if (!state.IsValid) return null;
        return new ProfileValues(Name.Trim(), legalForm, Blank(Description) ? null : Description!.Trim(), activities,
            Blank(Email) ? null : Email!.Trim(), EmailVisibility, Blank(Phone) ? null : Phone!.Trim(), PhoneVisibility,
            website, WebsiteVisibility, commune, latitude, longitude, employees);
    }

    /// <summary>
    /// "Lille (59000)" as the field shows it, a name ("Lille"), a postal code or an INSEE code. The
    /// commune the field showed wins while its name is unchanged; otherwise the first match, the
    /// network's région first, as the search page does.
    /// </summary>
    static Commune? FindCommune(string typed, string? shownCode, Territories territories)
    {
        var match = LabelPattern().Match(typed);
        var name = SearchText.Normalize(match.Success ? match.Groups[1].Value : typed);
        if (shownCode is { Length: > 0 } && territories.FindCommune(shownCode) is { } shown && SearchText.Normalize(shown.Name) == name)
            return shown;
        if (match.Success)
        {
            var code = match.Groups[2].Value.ToUpperInvariant();
            var candidates = territories.SearchCommunes(code, 50);
            return candidates.FirstOrDefault(c => SearchText.Normalize(c.Name) == name)
                ?? (name.Length == 0 ? candidates.FirstOrDefault() : null);
        }
        return SearchSuggestionsApi.FindCommunes(territories, typed, 1) is [var found] ? found : null;
    }

    static double? Number(string? raw, string key, string what, double min, double max, ModelStateDictionary state)
    {
        if (Blank(raw)) return null;
        if (double.TryParse(raw!.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && value >= min && value <= max)
            return value;
        state.AddModelError(key, $"{what} « {raw} » doit être un nombre entre {min} et {max}, par exemple 50,63.");
        return null;
    }

    static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);

    [GeneratedRegex(@"^(.*?)\s*\(\s*([0-9][0-9AaBb][0-9]{3})\s*\)$")]
    private static partial Regex LabelPattern();
}

/// <summary>A checked profile, ready to be applied.</summary>
public sealed record ProfileValues(
    string Name, string? LegalForm, string? Description, IReadOnlyList<string> Activities,
    string? Email, ContactVisibility EmailVisibility, string? Phone, ContactVisibility PhoneVisibility,
    string? Website, ContactVisibility WebsiteVisibility, Commune? Commune, double? Latitude, double? Longitude, int? Employees)
{
    /// <summary>
    /// Writes the profile. Without coordinates, or with the old ones while the commune changed, the
    /// point becomes <paramref name="communePoint"/>: the centre of the places already known there.
    /// </summary>
    public void ApplyTo(Organization o, GeoPoint? communePoint, DateTime now)
    {
        var communeChanged = Commune?.Code != o.CommuneInsee;
        var pointKept = Latitude == o.Latitude && Longitude == o.Longitude;
        o.Name = Name;
        o.LegalForm = o.Kind == OrganizationKind.Individual ? null : LegalForm;
        o.Description = Description;
        if (!o.Activities.Select(a => a.Label).SequenceEqual(Activities))
            o.Activities = Activities.Select((label, i) => new OrganizationActivity { OrganizationId = o.Id, Position = i, Label = label }).ToList();
        (o.Email, o.EmailVisibility) = (Email, EmailVisibility);
        (o.Phone, o.PhoneVisibility) = (Phone, PhoneVisibility);
        (o.Website, o.WebsiteVisibility) = (Website, WebsiteVisibility);
        (o.CommuneInsee, o.Commune) = (Commune?.Code, Commune?.Name);
        if (communeChanged) o.PostalCode = Commune?.PostalCodes.FirstOrDefault();
        (o.Latitude, o.Longitude) = Latitude is null || (communeChanged && pointKept)
            ? (communePoint?.Latitude, communePoint?.Longitude)
            : (Latitude, Longitude);
        o.Employees = Employees;
        o.UpdatedAt = now;
    }

    /// <summary>True when <see cref="ApplyTo"/> will look for the commune's point.</summary>
    public bool NeedsCommunePoint(Organization o) =>
        Commune is not null && (Latitude is null || (Commune.Code != o.CommuneInsee && Latitude == o.Latitude && Longitude == o.Longitude));
}
