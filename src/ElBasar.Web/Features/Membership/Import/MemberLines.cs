using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Geo;
using ElBasar.Web.Infrastructure.Web;

namespace ElBasar.Web.Features.Membership.Import;

/// <summary>
/// One row of a members' spreadsheet, read: the values its mapped cells give (null where the cell is
/// blank or the column not mapped: a blank never erases what is known), or its problems in French.
/// </summary>
public sealed record MemberLine(int Line, string Name, IReadOnlyList<string> Problems)
{
    public string? LegalForm { get; init; }
    public string? Siret { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Address { get; init; }
    public string? PostalCode { get; init; }
    public Commune? Commune { get; init; }
    public int? Employees { get; init; }
    /// <summary>"oui" in a column that says only whether there are employees, without their number.</summary>
    public bool HasEmployees { get; init; }
    public string? Contact { get; init; }
    public int? Year { get; init; }
    public decimal? Fee { get; init; }
    public PaymentMethod? Method { get; init; }
    public DateOnly? PaidOn { get; init; }

    /// <summary>The name as compared between rows and with the directory: case, accents and punctuation left out.</summary>
    public string NameKey => SearchText.Normalize(Name);
}

/// <summary>Reads a sheet's rows into <see cref="MemberLine"/>s by the chosen mapping, each problem worded for the line that has it.</summary>
public sealed partial class MemberLineReader(Taxonomy taxonomy, Territories territories, int thisYear, DateOnly today)
{
    public List<MemberLine> Read(Sheet sheet, IReadOnlyList<MemberField> mapping)
    {
        var lines = sheet.Rows.Select(r => ReadRow(r, mapping)).ToList();
        MarkDuplicates(lines);
        return lines;
    }

    MemberLine ReadRow(SheetRow row, IReadOnlyList<MemberField> mapping)
    {
        string Get(MemberField field)
        {
            var column = IndexOf(mapping, field);
            return column < 0 ? "" : row.Cell(column);
        }
        var problems = new List<string>();
        var name = Get(MemberField.Name);
        if (name.Length == 0) problems.Add("le nom de la structure manque");
        else if (name.Length > 200) problems.Add("le nom de la structure dépasse 200 caractères");

        string? legalForm = null;
        if (Get(MemberField.LegalForm) is { Length: > 0 } form && (legalForm = LegalFormOf(form)) is null)
            problems.Add($"la forme juridique « {form} » est inconnue ({string.Join(", ", taxonomy.LegalForms.Select(f => f.Label))})");

        string? siret = null;
        if (Get(MemberField.Siret) is { Length: > 0 } s)
        {
            siret = new string(s.Where(c => !char.IsWhiteSpace(c) && c != '.').ToArray());
            if (!FourteenDigits().IsMatch(siret)) problems.Add($"le SIRET « {s} » doit avoir 14 chiffres");
        }

        var email = Blank(Get(MemberField.Email));
        if (email is not null && !IsEmail(email)) problems.Add($"le courriel « {email} » n'est pas une adresse valide");
        var phone = Blank(Get(MemberField.Phone));
        if (phone is not null && !PhonePattern().IsMatch(phone)) problems.Add($"le téléphone « {phone} » n'est pas un numéro valide");
        var address = Blank(Get(MemberField.Address));
        if (address is { Length: > MemberDetails.MaxAddressLength }) problems.Add($"l'adresse dépasse {MemberDetails.MaxAddressLength} caractères");
        var contact = Blank(Get(MemberField.Contact));
        if (contact is { Length: > MemberDetails.MaxContactLength }) problems.Add($"la personne à contacter dépasse {MemberDetails.MaxContactLength} caractères");

        var (postalCode, commune) = Place(Get(MemberField.PostalCode), Get(MemberField.Commune), problems);

        int? employees = null;
        var hasEmployees = false;
        if (Get(MemberField.Employees) is { Length: > 0 } e)
        {
            var word = SearchText.Normalize(e);
            if (int.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 1_000_000) employees = n;
            else if (word is "oui" or "o" or "x" or "yes") hasEmployees = true;
            else if (word is "non" or "n" or "no" or "aucun") employees = 0;
            else problems.Add($"le nombre de salariés « {e} » doit être un nombre entier, ou oui / non");
        }

        int? year = null;
        if (Get(MemberField.Year) is { Length: > 0 } y)
        {
            if (int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= thisYear - 1 && parsed <= thisYear + 1) year = parsed;
            else problems.Add($"l'année d'adhésion « {y} » ne peut être que {thisYear - 1}, {thisYear} ou {thisYear + 1}");
        }
        decimal? fee = null;
        if (Get(MemberField.Fee) is { Length: > 0 } f)
        {
            var cleaned = f.Replace("€", "").Replace("EUR", "", StringComparison.OrdinalIgnoreCase).Replace(" ", "").Replace("\u00a0", "").Replace("\u202f", "").Replace('.', ',');
            if (decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, WebModule.French, out var amount) && amount <= Memberships.MaxFee && decimal.Round(amount, 2) == amount)
                fee = amount;
            else problems.Add($"la cotisation « {f} » doit être un montant en euros, par exemple 15 ou 12,50");
        }
        PaymentMethod? method = null;
        if (Get(MemberField.Method) is { Length: > 0 } m && (method = MethodOf(m)) is null)
            problems.Add($"le mode de règlement « {m} » est inconnu : virement, chèque, espèces ou exonérée");
        DateOnly? paidOn = null;
        if (Get(MemberField.PaidOn) is { Length: > 0 } d)
        {
            if (DateOnly.TryParseExact(d, ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd/MM/yy", "d/M/yy", "dd-MM-yyyy", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && date <= today)
                paidOn = date;
            else problems.Add($"la date du paiement « {d} » doit être une date passée, par exemple 15/03/{thisYear}");
        }
        if (paidOn is not null && method is null && Get(MemberField.Method).Length == 0)
            problems.Add("la date du paiement est donnée sans le mode de règlement (virement, chèque, espèces ou exonérée)");

        return new MemberLine(row.Line, name, problems)
        {
            LegalForm = legalForm, Siret = siret, Email = email, Phone = phone, Address = address, PostalCode = postalCode, Commune = commune,
            Employees = employees, HasEmployees = hasEmployees, Contact = contact,
            Year = year ?? (method is not null || fee is not null ? thisYear : null), Fee = fee, Method = method, PaidOn = paidOn,
        };
    }

    (string? PostalCode, Commune? Commune) Place(string postalCode, string communeName, List<string> problems)
    {
        var code = postalCode.Replace(" ", "");
        if (code.Length > 0 && !FiveDigits().IsMatch(code))
        {
            problems.Add($"le code postal « {postalCode} » doit avoir 5 chiffres");
            return (null, null);
        }
        var name = SearchText.Normalize(communeName);
        if (code.Length > 0)
        {
            var candidates = territories.SearchCommunes(code, 50).Where(c => c.PostalCodes.Contains(code)).ToList();
            if (candidates.Count == 0)
            {
                problems.Add($"le code postal « {code} » ne correspond à aucune commune");
                return (null, null);
            }
            if (name.Length == 0) return (code, candidates[0]);
            if (candidates.FirstOrDefault(c => SearchText.Normalize(c.Name) == name) is { } found) return (code, found);
            problems.Add($"la commune « {communeName} » n'a pas le code postal {code} ({string.Join(", ", candidates.Take(5).Select(c => c.Name))})");
            return (null, null);
        }
        if (name.Length == 0) return (null, null);
        var byName = SearchSuggestionsApi.FindCommunes(territories, communeName, 1);
        if (byName is [var commune] && SearchText.Normalize(commune.Name) == name) return (commune.PostalCodes.FirstOrDefault(), commune);
        problems.Add($"la commune « {communeName} » est inconnue : vérifiez l'orthographe ou donnez le code postal");
        return (null, null);
    }

    /// <summary>Two rows for one organisation: the same SIRET, or the same name and postal code. The later one is refused.</summary>
    static void MarkDuplicates(List<MemberLine> lines)
    {
        var bySiret = new Dictionary<string, int>();
        var byName = new Dictionary<(string, string?), int>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Name.Length == 0) continue;
            string? problem = null;
            if (line.Siret is { Length: 14 } siret && !bySiret.TryAdd(siret, line.Line))
                problem = $"doublon de la ligne {bySiret[siret]} (même SIRET)";
            else if (!byName.TryAdd((line.NameKey, line.PostalCode), line.Line))
                problem = $"doublon de la ligne {byName[(line.NameKey, line.PostalCode)]} (même nom et même code postal)";
            if (problem is not null) lines[i] = line with { Problems = [.. line.Problems, problem] };
        }
    }

    string? LegalFormOf(string text)
    {
        var key = SearchText.Normalize(text);
        return taxonomy.LegalForms.FirstOrDefault(f => f.Slug == key || SearchText.Normalize(f.Label) == key
                || SearchText.Normalize(f.Label).Split(' ').Contains(key)
                || (key.Length >= 4 && SearchText.Normalize(f.Label).StartsWith(key, StringComparison.Ordinal))
                || (key.StartsWith(f.Slug + " ", StringComparison.Ordinal) && f.Slug != "other"))?.Slug;
    }

    static PaymentMethod? MethodOf(string text) => SearchText.Normalize(text) switch
    {
        "virement" or "vir" or "virement bancaire" or "transfer" => PaymentMethod.Transfer,
        "cheque" or "chq" or "cheque bancaire" => PaymentMethod.Cheque,
        "especes" or "espece" or "liquide" or "cash" => PaymentMethod.Cash,
        "exoneree" or "exonere" or "exoneration" or "gratuit" or "offert" or "offerte" => PaymentMethod.Waived,
        _ => null,
    };

    static bool IsEmail(string text) =>
        text.Length <= 320 && MailAddress.TryCreate(text, out var address) && address.Address == text && address.Host.Contains('.');

    static string? Blank(string text) => text.Length == 0 ? null : text;

    static int IndexOf(IReadOnlyList<MemberField> mapping, MemberField field)
    {
        for (var i = 0; i < mapping.Count; i++) if (mapping[i] == field) return i;
        return -1;
    }

    [GeneratedRegex(@"^[0-9]{14}$")]
    private static partial Regex FourteenDigits();

    [GeneratedRegex(@"^[0-9]{5}$")]
    private static partial Regex FiveDigits();

    [GeneratedRegex(@"^\+?[0-9][0-9 .()\-]{5,39}$")]
    private static partial Regex PhonePattern();
}
