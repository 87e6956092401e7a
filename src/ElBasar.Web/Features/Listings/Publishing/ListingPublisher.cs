using System.Globalization;
using System.Text;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Directory.Editing;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Keys = ElBasar.Web.Features.Listings.Publishing.ListingFields.Keys;

namespace ElBasar.Web.Features.Listings.Publishing;

/// <summary>
/// Publishing for an organisation: create, edit, pause and put back online, close (pourvue or
/// retirée) and renew its listings. The pages and the API both come here, so the rules and the
/// French messages are the same. Only the organisation's owners and editors act on its listings
/// (<see cref="OrganizationAccess.CanEditAsync"/>); the network's staff publish for nobody else.
/// </summary>
public sealed class ListingPublisher(
    ElBasarDbContext db, OrganizationAccess access, Taxonomy taxonomy, Territories territories, HomeNetwork network, IListingCharges charges,
    TimeProvider clock)
{
    public const int MaxTitleLength = 120;
    public const int MaxDescriptionLength = 5000;
    public const decimal MaxPrice = 1_000_000m;

    /// <summary>How long a listing stays online when nobody says: three months, renewable.</summary>
    public static DateTime DefaultExpiry(DateTime now) => now.AddMonths(3);

    public const string UnpaidProblem =
        "Cette annonce attend son paiement : elle sera en ligne dès que l'équipe d'animation l'aura enregistré.";

    public const string HiddenProblem =
        "Cette annonce est masquée par la modération : elle ne peut être ni remise en ligne, ni close, ni prolongée tant que l'équipe du réseau ne l'a pas rétablie.";

    /// <summary>The listing, tracked, when the user is one of its organisation's owners or editors; null otherwise.</summary>
    public async Task<Listing?> FindEditableAsync(Guid userId, Guid id, CancellationToken ct)
    {
        var (listing, outcome) = await FindForChangeAsync(userId, id, ct);
        return outcome is null ? listing : null;
    }

    /// <summary>The organisation's commune, which a listing takes when given none.</summary>
    public Task<string?> OrganizationCommuneAsync(Guid organizationId, CancellationToken ct) =>
        db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Commune).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Publishes in <paramref name="networkId"/> (the person's current network) when the organisation
    /// is a member of it, in the home network otherwise.
    /// </summary>
    public async Task<PublishingResult> CreateAsync(Guid userId, Guid organizationId, ListingFields fields, CancellationToken ct, Guid? networkId = null)
    {
        if (!await access.CanEditAsync(userId, organizationId, ct)) return PublishingResult.Forbidden;
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        var home = await network.IdAsync(ct);
        var publishedIn = networkId is { } chosen && chosen != home
            && await db.NetworkMemberships.AnyAsync(m => m.NetworkId == chosen && m.OrganizationId == organizationId && m.IsMember, ct)
            ? chosen : home;
        var values = await CheckAsync(fields, null, organization, publishedIn, now, errors, ct);
        if (values is null) return PublishingResult.Invalid(errors);
        var listing = new Listing
        {
            Title = values.Title,
            Category = values.Category,
            NetworkId = publishedIn,
            OrganizationId = organizationId,
            Status = await charges.IsChargedAsync(organizationId, ct) ? ListingStatus.Unpaid : ListingStatus.Published,
            CreatedAt = now,
            CreatedById = userId,
        };
        values.ApplyTo(listing, userId, now);
        db.Listings.Add(listing);
        await db.SaveChangesAsync(ct);
        if (listing.Status == ListingStatus.Unpaid) await charges.RequestAsync(listing, ct);
        return PublishingResult.Done(listing);
    }

    /// <summary>
    /// Changes the fields <paramref name="change"/> returns from the listing's current ones: a form
    /// gives them all, a PATCH only some. The organisation never changes: an <paramref name="organizationId"/>
    /// other than the listing's own is refused, once the listing is known to be the user's to change.
    /// </summary>
    public async Task<PublishingResult> UpdateAsync(
        Guid userId, Guid id, Func<ListingFields, ListingFields> change, CancellationToken ct, Guid? organizationId = null)
    {
        var (listing, failure) = await FindForChangeAsync(userId, id, ct);
        if (failure is not null) return failure;
        if (organizationId is { } moved && moved != listing!.OrganizationId)
            return PublishingResult.Invalid(new() { [Keys.OrganizationId] = ["Une annonce ne change pas de structure : publiez-en une nouvelle au nom de l'autre structure."] });
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == listing!.OrganizationId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        var values = await CheckAsync(change(ListingFields.From(listing!)), listing, organization, listing!.NetworkId, now, errors, ct);
        if (values is null) return PublishingResult.Invalid(errors);
        values.ApplyTo(listing!, userId, now);
        await db.SaveChangesAsync(ct);
        return PublishingResult.Done(listing!);
    }

    /// <summary>"Mettre en pause": offline, back to a draft its organisation can put online again.</summary>
    public Task<PublishingResult> PauseAsync(Guid userId, Guid id, CancellationToken ct) =>
        ChangeStatusAsync(userId, id, (listing, _) => listing.Status switch
        {
            ListingStatus.Published or ListingStatus.Draft => Set(listing, ListingStatus.Draft),
            ListingStatus.Closed => "Une annonce pourvue ou retirée ne se met pas en pause.",
            ListingStatus.Unpaid => UnpaidProblem,
            _ => HiddenProblem,
        }, ct);

    /// <summary>"Remettre en ligne" a paused listing; one past its date gets three more months.</summary>
    public Task<PublishingResult> RepublishAsync(Guid userId, Guid id, CancellationToken ct) =>
        ChangeStatusAsync(userId, id, (listing, now) =>
        {
            if (listing.Status == ListingStatus.Closed) return "Une annonce pourvue ou retirée ne se remet pas en ligne : publiez-en une nouvelle.";
            if (listing.Status == ListingStatus.Hidden) return HiddenProblem;
            if (listing.Status == ListingStatus.Unpaid) return UnpaidProblem;
            if (listing.ExpiresAt is not { } at || at <= now) listing.ExpiresAt = DefaultExpiry(now);
            return Set(listing, ListingStatus.Published);
        }, ct);

    /// <summary>Closes the listing as pourvue or retirée; it keeps its page, with a banner, and leaves search.</summary>
    public Task<PublishingResult> CloseAsync(Guid userId, Guid id, ListingOutcome outcome, CancellationToken ct) =>
        ChangeStatusAsync(userId, id, (listing, now) =>
        {
            if (listing.Status == ListingStatus.Hidden) return HiddenProblem;
            if (listing.Status != ListingStatus.Closed) listing.ClosedAt = now;
            listing.ClosedOutcome = outcome;
            return Set(listing, ListingStatus.Closed);
        }, ct);

    /// <summary>"Prolonger": three more months from now.</summary>
    public Task<PublishingResult> RenewAsync(Guid userId, Guid id, CancellationToken ct) =>
        ChangeStatusAsync(userId, id, (listing, now) =>
        {
            if (listing.Status == ListingStatus.Closed) return "Une annonce pourvue ou retirée ne se prolonge pas : publiez-en une nouvelle.";
            if (listing.Status == ListingStatus.Hidden) return HiddenProblem;
            if (listing.Status == ListingStatus.Unpaid) return UnpaidProblem;
            listing.ExpiresAt = DefaultExpiry(now);
            return null;
        }, ct);

    /// <summary>
    /// Puts a listing whose payment was just recorded online, for three months from now; false when it
    /// no longer waits for one (withdrawn meanwhile, or hidden by moderation).
    /// </summary>
    public async Task<bool> PublishPaidAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Listings.Where(l => l.Id == id && l.Status == ListingStatus.Unpaid).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.Status, ListingStatus.Published)
            .SetProperty(l => l.ExpiresAt, DefaultExpiry(now))
            .SetProperty(l => l.UpdatedAt, now), ct) > 0;
    }

    /// <summary>Shows a listing first ("À la une") until <paramref name="until"/>: its featuring was paid.</summary>
    public Task FeatureAsync(Guid id, DateTime until, CancellationToken ct) =>
        db.Listings.Where(l => l.Id == id).ExecuteUpdateAsync(s => s.SetProperty(l => l.FeaturedUntil, until), ct);

    static string? Set(Listing listing, ListingStatus status)
    {
        listing.Status = status;
        return null;
    }

    /// <summary><paramref name="change"/> returns a French problem when the listing's state forbids it, null once done.</summary>
    async Task<PublishingResult> ChangeStatusAsync(Guid userId, Guid id, Func<Listing, DateTime, string?> change, CancellationToken ct)
    {
        var (listing, failure) = await FindForChangeAsync(userId, id, ct);
        if (failure is not null) return failure;
        var now = clock.GetUtcNow().UtcDateTime;
        if (change(listing!, now) is { } problem) return PublishingResult.Conflict(problem);
        listing!.UpdatedAt = now;
        listing.UpdatedById = userId;
        await db.SaveChangesAsync(ct);
        return PublishingResult.Done(listing);
    }

    /// <summary>
    /// Someone outside the organisation gets "forbidden" for a listing the public can see, and "not
    /// found" for one it cannot (a draft, a hidden one), whose existence stays private.
    /// </summary>
    async Task<(Listing?, PublishingResult?)> FindForChangeAsync(Guid userId, Guid id, CancellationToken ct)
    {
        var listing = await db.Listings.Include(l => l.ExchangeModes).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (listing is null) return (null, PublishingResult.NotFound);
        if (await access.CanEditAsync(userId, listing.OrganizationId, ct)) return (listing, null);
        var visible = listing.Status is ListingStatus.Published or ListingStatus.Closed && listing.Visibility == ListingVisibility.Everyone
            && await db.Organizations.AnyAsync(o => o.Id == listing.OrganizationId && o.Status == OrganizationStatus.Active, ct);
        return (null, visible ? PublishingResult.Forbidden : PublishingResult.NotFound);
    }

    async Task<CheckedListing?> CheckAsync(
        ListingFields fields, Listing? current, Organization organization, Guid networkId, DateTime now, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        void Fail(string key, string message) => errors[key] = errors.TryGetValue(key, out var m) ? [.. m, message] : [message];

        var kind = ListingKind.Offer;
        if (Blank(fields.Kind)) Fail(Keys.Kind, "Choisissez s'il s'agit d'une offre ou d'une demande.");
        else if (!Slug.TryParse(fields.Kind!.Trim(), out kind))
            Fail(Keys.Kind, $"« {fields.Kind} » n'est pas un type d'annonce : « offer » (une offre) ou « demand » (une demande).");

        var title = OneLine(Clean(fields.Title));
        if (title.Length == 0) Fail(Keys.Title, "Indiquez un titre.");
        else if (title.Length > MaxTitleLength) Fail(Keys.Title, $"Le titre doit faire au plus {MaxTitleLength} caractères ({title.Length} saisis).");

        var description = Clean(fields.Description);
        if (description.Length > MaxDescriptionLength)
            Fail(Keys.Description, $"La description doit faire au plus {MaxDescriptionLength.ToString("N0", WebModule.French)} caractères ({description.Length.ToString("N0", WebModule.French)} saisis).");

        var category = Blank(fields.Category) ? null : taxonomy.FindCategory(fields.Category!.Trim(), networkId);
        if (Blank(fields.Category)) Fail(Keys.Category, "Choisissez une catégorie.");
        else if (category is null)
            Fail(Keys.Category, taxonomy.NetworkOfCategory(fields.Category!.Trim()) is null
                ? $"La catégorie « {fields.Category} » n'existe pas."
                : $"La catégorie « {taxonomy.CategoryLabel(fields.Category!.Trim())} » est propre à un autre réseau : choisissez-en une de la liste.");

        var modes = new List<ExchangeMode>();
        foreach (var slug in fields.ExchangeModes.Where(m => !Blank(m)).Select(m => m.Trim()).Distinct())
        {
            if (taxonomy.FindMode(slug) is { } mode) modes.Add(mode);
            else Fail(Keys.ExchangeModes, $"Le mode d'échange « {slug} » n'existe pas.");
        }
        if (modes.Count == 0 && !errors.ContainsKey(Keys.ExchangeModes)) Fail(Keys.ExchangeModes, "Choisissez au moins un mode d'échange : don, prêt, vente…");

        var price = ParsePrice(fields.Price, Fail);
        if (price is not null && modes.Count > 0 && !modes.Any(m => m.Market))
            Fail(Keys.Price, "Un prix ne s'indique que pour une vente, une location ou une prestation de service : choisissez l'un de ces modes ou effacez le prix.");

        Commune? commune = null;
        if (!Blank(fields.CommuneInsee))
        {
            commune = territories.FindCommune(fields.CommuneInsee!.Trim().ToUpperInvariant());
            if (commune is null) Fail(Keys.CommuneInsee, $"Aucune commune n'a le code INSEE « {fields.CommuneInsee} ».");
        }
        var latitude = ParseCoordinate(fields.Latitude, Keys.Latitude, "La latitude", 90, Fail);
        var longitude = ParseCoordinate(fields.Longitude, Keys.Longitude, "La longitude", 180, Fail);
        if ((latitude is null) != (longitude is null) && !errors.ContainsKey(Keys.Latitude) && !errors.ContainsKey(Keys.Longitude))
            Fail(latitude is null ? Keys.Latitude : Keys.Longitude, "Donnez la latitude et la longitude, ou aucune des deux.");

        var expiresAt = CheckExpiry(fields.ExpiresAt, current, now, Fail);

        var publishedIn = await db.Networks.AsNoTracking().Where(n => n.Id == networkId).Select(n => new { n.Name, n.WidestVisibility }).SingleAsync(ct);
        var visibility = current?.Visibility ?? publishedIn.WidestVisibility;
        if (!Blank(fields.Visibility) && !Slug.TryParse(fields.Visibility!.Trim(), out visibility))
            Fail(Keys.Visibility, $"« {fields.Visibility} » n'est pas un choix de visibilité : « network » (les membres du réseau), « partners » (aussi les réseaux partenaires) ou « everyone » (tout le monde).");
        else if (visibility > publishedIn.WidestVisibility)
            Fail(Keys.Visibility, publishedIn.WidestVisibility == ListingVisibility.Network
                ? $"Le réseau {publishedIn.Name} réserve ses annonces à ses membres : choisissez « les membres du réseau »."
                : $"Le réseau {publishedIn.Name} ouvre ses annonces au plus à ses réseaux partenaires : choisissez « les membres du réseau » ou « aussi les réseaux partenaires ».");

        if (errors.Count > 0) return null;

        // The place: the commune given, or the organisation's; the point given, or the organisation's
        // in its own commune, or the centre of the places already known in another.
        var communeCode = commune?.Code ?? organization.CommuneInsee;
        var communeName = commune?.Name ?? organization.Commune;
        if (latitude is null && communeCode is not null)
        {
            if (communeCode == organization.CommuneInsee && organization.Latitude is not null)
                (latitude, longitude) = (organization.Latitude, organization.Longitude);
            else if (await CommunePoint.FindAsync(db, communeCode, Guid.Empty, ct) is { } point)
                (latitude, longitude) = (point.Latitude, point.Longitude);
        }
        return new CheckedListing(kind, title, description.Length == 0 ? null : description, category!.Slug,
            modes.Select(m => m.Slug).ToList(), price, communeCode, communeName, latitude, longitude, expiresAt, visibility);
    }

    static decimal? ParsePrice(string? raw, Action<string, string> fail)
    {
        if (Blank(raw)) return null;
        var text = raw!.Trim().TrimEnd('€').Replace(" ", "").Replace("\u00a0", "").Replace("\u202f", "").Replace(',', '.');
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var price))
        {
            fail(Keys.Price, $"Le prix « {raw} » doit être un nombre d'euros, par exemple 12,50.");
            return null;
        }
        if (price < 0) fail(Keys.Price, "Le prix ne peut pas être négatif.");
        else if (price > MaxPrice) fail(Keys.Price, "Le prix doit rester sous 1 000 000 €.");
        else return decimal.Round(price, 2, MidpointRounding.AwayFromZero);
        return null;
    }

    static double? ParseCoordinate(string? raw, string key, string what, double limit, Action<string, string> fail)
    {
        if (Blank(raw)) return null;
        if (double.TryParse(raw!.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && value >= -limit && value <= limit)
            return value;
        fail(key, $"{what} « {raw} » doit être un nombre entre -{limit} et {limit}, par exemple 50,63.");
        return null;
    }

    /// <summary>
    /// Blank: three months for a new listing, unchanged for an existing one. A date is the end of that
    /// day in Paris. A new date must be in the future and at most a year away; an unchanged one is
    /// left alone, so editing a listing past its date does not force a new one.
    /// </summary>
    static DateTime? CheckExpiry(string? raw, Listing? current, DateTime now, Action<string, string> fail)
    {
        if (Blank(raw)) return current is null ? DefaultExpiry(now) : current.ExpiresAt;
        var text = raw!.Trim();
        DateTime expires;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (current?.ExpiresAt is { } was && DateOnly.FromDateTime(Display.ToParis(was)) == date) return was;
            expires = Display.FromParis(date.ToDateTime(new TimeOnly(23, 59, 59)));
        }
        else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) && text.Contains('T'))
        {
            expires = instant.UtcDateTime;
            if (current?.ExpiresAt == expires) return expires;
        }
        else
        {
            fail(Keys.ExpiresAt, $"La date de fin « {raw} » n'est pas une date : écrivez-la AAAA-MM-JJ, par exemple 2027-03-31.");
            return null;
        }
        var latest = Display.FromParis(DateOnly.FromDateTime(Display.ToParis(now)).AddYears(1).ToDateTime(new TimeOnly(23, 59, 59)));
        if (expires <= now) fail(Keys.ExpiresAt, "La date de fin doit être dans le futur.");
        else if (expires > latest) fail(Keys.ExpiresAt, $"Une annonce dure au plus un an : choisissez une date de fin jusqu'au {Display.Date(latest)}.");
        else return expires;
        return null;
    }

    /// <summary>Line breaks as "\n", no other control characters (PostgreSQL refuses a NUL), no blanks around.</summary>
    static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var normalized = text.Replace("\r\n", "\n").Replace('\r', '\n');
        var sb = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (c == '\n') sb.Append(c);
            else if (c == '\t') sb.Append(' ');
            else if (!char.IsControl(c)) sb.Append(c);
        }
        return sb.ToString().Trim();
    }

    static string OneLine(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);

    sealed record CheckedListing(
        ListingKind Kind, string Title, string? Description, string Category, List<string> Modes, decimal? Price,
        string? CommuneInsee, string? Commune, double? Latitude, double? Longitude, DateTime? ExpiresAt, ListingVisibility Visibility)
    {
        public void ApplyTo(Listing listing, Guid userId, DateTime now)
        {
            listing.Kind = Kind;
            listing.Title = Title;
            listing.Description = Description;
            listing.Category = Category;
            listing.SetModes(Modes);
            listing.Price = Price;
            (listing.CommuneInsee, listing.Commune) = (CommuneInsee, Commune);
            (listing.Latitude, listing.Longitude) = (Latitude, Longitude);
            listing.ExpiresAt = ExpiresAt;
            listing.Visibility = Visibility;
            listing.UpdatedAt = now;
            listing.UpdatedById = userId;
        }
    }
}

public enum PublishingOutcome { Done, Invalid, NotFound, Forbidden, Conflict }

/// <summary>What came of a publishing action: the listing when done, the problems by field when invalid.</summary>
public sealed record PublishingResult(PublishingOutcome Outcome, Listing? Listing, IReadOnlyDictionary<string, string[]> Errors, string? Problem)
{
    static readonly Dictionary<string, string[]> None = [];

    public static readonly PublishingResult NotFound = new(PublishingOutcome.NotFound, null, None, null);
    public static readonly PublishingResult Forbidden = new(PublishingOutcome.Forbidden, null, None, null);
    public static PublishingResult Done(Listing listing) => new(PublishingOutcome.Done, listing, None, null);
    public static PublishingResult Invalid(Dictionary<string, string[]> errors) => new(PublishingOutcome.Invalid, null, errors, null);
    public static PublishingResult Conflict(string problem) => new(PublishingOutcome.Conflict, null, None, problem);
}
