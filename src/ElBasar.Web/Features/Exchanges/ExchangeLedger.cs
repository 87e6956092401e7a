using System.Globalization;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>
/// What was typed to declare or edit an exchange, as text so a form keeps it when it fails; the keys
/// of the errors are the API's field names (<see cref="Keys"/>).
/// </summary>
public sealed record ExchangeFields
{
    public Guid? AsOrganizationId { get; init; }
    public Guid? CounterpartOrganizationId { get; init; }
    public string? Mode { get; init; }
    public string? Category { get; init; }
    public string? Date { get; init; }
    public string? Description { get; init; }
    public string? AmountEur { get; init; }
    public string? Hours { get; init; }
    public string? EstimatedValueEur { get; init; }
    public string? Days { get; init; }
    public Guid? ListingId { get; init; }
    public Guid? ConversationId { get; init; }

    public static class Keys
    {
        public const string AsOrganizationId = "asOrganizationId", CounterpartOrganizationId = "counterpartOrganizationId",
            Mode = "mode", Category = "category", Date = "date", Description = "description", AmountEur = "amountEur", Hours = "hours",
            EstimatedValueEur = "estimatedValueEur", Days = "days", ListingId = "listingId", Comment = "comment", Rating = "rating",
            Answer = "answer";
    }
}

public enum LedgerOutcome { Done, Invalid, Forbidden, NotFound, Conflict }

public sealed record LedgerResult(LedgerOutcome Outcome, Exchange? Exchange = null, IReadOnlyDictionary<string, string[]>? Errors = null, string? Problem = null)
{
    public static LedgerResult Done(Exchange exchange) => new(LedgerOutcome.Done, exchange);
    public static LedgerResult Invalid(Dictionary<string, string[]> errors) => new(LedgerOutcome.Invalid, Errors: errors);
    public static readonly LedgerResult Forbidden = new(LedgerOutcome.Forbidden);
    public static readonly LedgerResult NotFound = new(LedgerOutcome.NotFound);
    public static LedgerResult Conflict(string problem) => new(LedgerOutcome.Conflict, Problem: problem);
}

/// <summary>
/// The rules of exchanges and recommendations: either party declares, the other confirms or
/// disputes, a facilitator may confirm for a party (recorded as such), the declaring side edits
/// until it is confirmed; each party of a confirmed exchange may rate the other once, and the rated
/// organisation may answer once. Pages, the API and other features (a returned loan) all come here.
/// Who acts for an organisation is <see cref="OrganizationAccess"/>'s answer.
/// </summary>
public sealed class ExchangeLedger(ElBasarDbContext db, OrganizationAccess access, Taxonomy taxonomy, Territories territories, ImpactRollups rollups, TimeProvider clock)
{
    public const decimal MaxAmountEur = 10_000_000m;
    public const decimal MaxHours = 10_000m;
    public const int MaxDays = 3660;
    public const string LoanSource = "loan", ListingSource = "listing", ConversationSource = "conversation";

    /// <summary>The Métropole européenne de Lille (its SIREN): the dashboard sets it against the other EPCI.</summary>
    public const string LilleMetropolis = "200093201";

    static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public Task<Exchange?> FindAsync(Guid id, CancellationToken ct) => db.Exchanges.FirstOrDefaultAsync(e => e.Id == id, ct);

    /// <summary>Declares an exchange for one of the user's organisations; it waits for the other party's confirmation.</summary>
    public async Task<LedgerResult> DeclareAsync(Guid userId, ExchangeFields fields, CancellationToken ct, string? sourceKind = null, Guid? sourceId = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (fields.AsOrganizationId is not { } asId)
        {
            errors[ExchangeFields.Keys.AsOrganizationId] = ["Indiquez au nom de quelle structure vous déclarez cet échange."];
            return LedgerResult.Invalid(errors);
        }
        if (!await access.CanEditAsync(userId, asId, ct)) return LedgerResult.Forbidden;
        var now = clock.GetUtcNow().UtcDateTime;
        var exchange = new Exchange
        {
            Description = "", Mode = "", Category = "", FromOrganizationId = asId, DeclaredById = userId, CreatedAt = now, UpdatedAt = now,
            SourceKind = sourceKind, SourceId = sourceId,
        };
        if (!await ApplyAsync(exchange, fields, errors, ct)) return LedgerResult.Invalid(errors);
        db.Exchanges.Add(exchange);
        await db.SaveChangesAsync(ct);
        return LedgerResult.Done(exchange);
    }

    /// <summary>
    /// A returned loan proposes its exchange: called by the lending feature when a loan comes back,
    /// for the account that records the return, on behalf of <paramref name="asOrganizationId"/> (the
    /// lender or the borrower). Declared (the other party confirms), mode "loan", measured in days;
    /// once per loan: a second call answers the exchange already recorded for <paramref name="loanId"/>.
    /// </summary>
    public async Task<LedgerResult> DeclareLoanAsync(
        Guid userId, Guid asOrganizationId, Guid counterpartOrganizationId, Guid loanId, int daysLent, DateOnly returnedOn,
        string description, CancellationToken ct, string category = "equipment")
    {
        var existing = await db.Exchanges.FirstOrDefaultAsync(e => e.SourceKind == LoanSource && e.SourceId == loanId, ct);
        if (existing is not null) return LedgerResult.Done(existing);
        return await DeclareAsync(userId, new ExchangeFields
        {
            AsOrganizationId = asOrganizationId, CounterpartOrganizationId = counterpartOrganizationId, Mode = "loan", Category = category,
            Date = returnedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Description = description,
            Days = daysLent.ToString(CultureInfo.InvariantCulture),
        }, ct, LoanSource, loanId);
    }

    /// <summary>The declaring side changes an exchange until it is confirmed; a disputed one goes back to the other party.</summary>
    public async Task<LedgerResult> UpdateAsync(Guid userId, Guid id, ExchangeFields fields, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } exchange) return LedgerResult.NotFound;
        if (!await access.CanEditAsync(userId, exchange.FromOrganizationId, ct))
            return await access.CanEditAsync(userId, exchange.ToOrganizationId, ct) ? LedgerResult.Forbidden : LedgerResult.NotFound;
        if (exchange.Status == ExchangeStatus.Confirmed) return LedgerResult.Conflict("Un échange confirmé ne se modifie plus.");
        var errors = new Dictionary<string, string[]>();
        if (!await ApplyAsync(exchange, fields with { AsOrganizationId = exchange.FromOrganizationId }, errors, ct)) return LedgerResult.Invalid(errors);
        exchange.Status = ExchangeStatus.Declared;
        exchange.DisputeComment = null;
        exchange.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return LedgerResult.Done(exchange);
    }

    /// <summary>
    /// The other party confirms; a facilitator may confirm for it (<paramref name="byFacilitator"/>,
    /// recorded as such). The declaring side never confirms its own declaration.
    /// </summary>
    public async Task<LedgerResult> ConfirmAsync(Guid userId, Guid id, bool byFacilitator, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } exchange) return LedgerResult.NotFound;
        var counterpart = await access.CanEditAsync(userId, exchange.ToOrganizationId, ct) && exchange.DeclaredById != userId;
        if (!counterpart && !byFacilitator)
            return await IsPartyAsync(userId, exchange, ct) ? LedgerResult.Forbidden : LedgerResult.NotFound;
        if (exchange.Status == ExchangeStatus.Confirmed) return LedgerResult.Conflict("Cet échange est déjà confirmé.");
        exchange.Status = ExchangeStatus.Confirmed;
        exchange.ConfirmedAt = clock.GetUtcNow().UtcDateTime;
        exchange.ConfirmedById = userId;
        exchange.ConfirmedByFacilitator = !counterpart;
        exchange.DisputeComment = null;
        await db.SaveChangesAsync(ct);
        await MarkFirstOfPairAsync(exchange.PairLowId, exchange.PairHighId, ct);
        return LedgerResult.Done(exchange);
    }

    /// <summary>The other party disputes, with a comment; the declaring side may then correct it.</summary>
    public async Task<LedgerResult> DisputeAsync(Guid userId, Guid id, string? comment, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } exchange) return LedgerResult.NotFound;
        if (!await access.CanEditAsync(userId, exchange.ToOrganizationId, ct) || exchange.DeclaredById == userId)
            return await IsPartyAsync(userId, exchange, ct) ? LedgerResult.Forbidden : LedgerResult.NotFound;
        if (exchange.Status == ExchangeStatus.Confirmed) return LedgerResult.Conflict("Un échange confirmé ne se conteste plus.");
        var text = comment?.Trim();
        if (string.IsNullOrEmpty(text))
            return LedgerResult.Invalid(new() { [ExchangeFields.Keys.Comment] = ["Dites en quelques mots ce qui ne va pas."] });
        if (text.Length > Exchange.MaxCommentLength)
            return LedgerResult.Invalid(new() { [ExchangeFields.Keys.Comment] = ["Le commentaire doit faire au plus 2 000 caractères."] });
        exchange.Status = ExchangeStatus.Disputed;
        exchange.DisputeComment = text;
        exchange.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return LedgerResult.Done(exchange);
    }

    /// <summary>
    /// A party of a confirmed exchange rates the other, once per side. <paramref name="asOrganizationId"/>
    /// says which side when the user belongs to both.
    /// </summary>
    public async Task<(LedgerResult Result, Recommendation? Recommendation)> RecommendAsync(
        Guid userId, Guid id, Guid? asOrganizationId, int? rating, string? comment, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } exchange) return (LedgerResult.NotFound, null);
        Guid? author = null;
        if (asOrganizationId is { } chosen)
        {
            if (exchange.Involves(chosen) && await access.CanEditAsync(userId, chosen, ct)) author = chosen;
        }
        else if (await access.CanEditAsync(userId, exchange.FromOrganizationId, ct)) author = exchange.FromOrganizationId;
        else if (await access.CanEditAsync(userId, exchange.ToOrganizationId, ct)) author = exchange.ToOrganizationId;
        if (author is null) return (await IsPartyAsync(userId, exchange, ct) ? LedgerResult.Forbidden : LedgerResult.NotFound, null);
        if (exchange.Status != ExchangeStatus.Confirmed)
            return (LedgerResult.Conflict("Une recommandation suit un échange confirmé par les deux parties."), null);
        var errors = new Dictionary<string, string[]>();
        if (rating is not (>= 1 and <= 5)) errors[ExchangeFields.Keys.Rating] = ["Donnez une note de 1 à 5."];
        var text = comment?.Trim() ?? "";
        if (text.Length == 0) errors[ExchangeFields.Keys.Comment] = ["Écrivez un commentaire."];
        else if (text.Length > Recommendation.MaxCommentLength) errors[ExchangeFields.Keys.Comment] = ["Le commentaire doit faire au plus 2 000 caractères."];
        if (errors.Count > 0) return (LedgerResult.Invalid(errors), null);
        if (await db.Recommendations.AnyAsync(r => r.ExchangeId == id && r.AuthorOrganizationId == author, ct))
            return (LedgerResult.Conflict("Votre structure a déjà laissé sa recommandation pour cet échange."), null);
        var recommendation = new Recommendation
        {
            ExchangeId = id, AuthorOrganizationId = author.Value, SubjectOrganizationId = exchange.OtherThan(author.Value), AuthorId = userId,
            Rating = rating!.Value, Comment = text, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Recommendations.Add(recommendation);
        await db.SaveChangesAsync(ct);
        return (LedgerResult.Done(exchange), recommendation);
    }

    /// <summary>The rated organisation answers a recommendation, once.</summary>
    public async Task<LedgerResult> AnswerAsync(Guid userId, Guid recommendationId, string? answer, CancellationToken ct)
    {
        if (await db.Recommendations.FirstOrDefaultAsync(r => r.Id == recommendationId, ct) is not { } recommendation) return LedgerResult.NotFound;
        if (!await access.CanEditAsync(userId, recommendation.SubjectOrganizationId, ct)) return LedgerResult.Forbidden;
        if (recommendation.Answer is not null) return LedgerResult.Conflict("Votre structure a déjà répondu à cette recommandation.");
        var text = answer?.Trim() ?? "";
        if (text.Length == 0) return LedgerResult.Invalid(new() { [ExchangeFields.Keys.Answer] = ["Écrivez votre réponse."] });
        if (text.Length > Recommendation.MaxAnswerLength) return LedgerResult.Invalid(new() { [ExchangeFields.Keys.Answer] = ["La réponse doit faire au plus 2 000 caractères."] });
        recommendation.Answer = text;
        recommendation.AnsweredAt = clock.GetUtcNow().UtcDateTime;
        recommendation.AnsweredById = userId;
        await db.SaveChangesAsync(ct);
        return LedgerResult.Done((await FindAsync(recommendation.ExchangeId, ct))!);
    }

    public async Task<bool> IsPartyAsync(Guid userId, Exchange exchange, CancellationToken ct) =>
        await access.CanEditAsync(userId, exchange.FromOrganizationId, ct) || await access.CanEditAsync(userId, exchange.ToOrganizationId, ct);

    /// <summary>
    /// A duplicate organisation merged into the one kept: its exchanges move to the kept one, with the pair
    /// columns the dashboard counts by (no foreign key, so a generic move would miss them), and each pair
    /// touched gets its first exchange flag again. The roll-ups follow by themselves (their triggers).
    /// </summary>
    public async Task MoveOrganizationAsync(Guid kept, Guid removed, CancellationToken ct)
    {
        var touched = await db.Exchanges.Where(e => e.FromOrganizationId == removed || e.ToOrganizationId == removed).ToListAsync(ct);
        foreach (var exchange in touched)
        {
            if (exchange.FromOrganizationId == removed) exchange.FromOrganizationId = kept;
            if (exchange.ToOrganizationId == removed) exchange.ToOrganizationId = kept;
            await PairAsync(exchange, exchange.FromOrganizationId, exchange.ToOrganizationId, ct);
        }
        await db.SaveChangesAsync(ct);
        foreach (var (low, high) in touched.Select(e => (e.PairLowId, e.PairHighId)).Distinct())
            await MarkFirstOfPairAsync(low, high, ct);
    }

    /// <summary>Both parties in a fixed order, and as the one integer the dashboard groups on.</summary>
    async Task PairAsync(Exchange exchange, Guid a, Guid b, CancellationToken ct)
    {
        (exchange.PairLowId, exchange.PairHighId) = a.CompareTo(b) < 0 ? (a, b) : (b, a);
        exchange.PairKey = ExchangeParty.PairKey(await rollups.NumberOfAsync(exchange.PairLowId, ct), await rollups.NumberOfAsync(exchange.PairHighId, ct));
    }

    /// <summary>The pair's first confirmed exchange by date carries the flag, whatever order they were confirmed in.</summary>
    async Task MarkFirstOfPairAsync(Guid low, Guid high, CancellationToken ct)
    {
        var pair = db.Exchanges.Where(e => e.PairLowId == low && e.PairHighId == high);
        var first = await pair.Where(e => e.Status == ExchangeStatus.Confirmed).OrderBy(e => e.Date).ThenBy(e => e.CreatedAt)
            .Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
        await pair.Where(e => e.FirstOfPair != (e.Id == first)).ExecuteUpdateAsync(s => s.SetProperty(e => e.FirstOfPair, e => e.Id == first), ct);
    }

    /// <summary>Checks <paramref name="fields"/> and writes them, with the columns the dashboard groups by, onto the exchange.</summary>
    async Task<bool> ApplyAsync(Exchange exchange, ExchangeFields fields, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var asId = fields.AsOrganizationId!.Value;
        Organization? counterpart = null;
        if (fields.CounterpartOrganizationId is not { } otherId)
            errors[ExchangeFields.Keys.CounterpartOrganizationId] = ["Choisissez l'autre partie de l'échange."];
        else if (otherId == asId)
            errors[ExchangeFields.Keys.CounterpartOrganizationId] = ["Un échange se fait entre deux structures différentes."];
        else if ((counterpart = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == otherId && o.Status == OrganizationStatus.Active, ct)) is null)
            errors[ExchangeFields.Keys.CounterpartOrganizationId] = ["Cette structure n'existe pas dans l'annuaire."];

        var mode = taxonomy.FindMode(fields.Mode);
        if (mode is null) errors[ExchangeFields.Keys.Mode] = ["Choisissez le mode d'échange (vente, prêt, don, coup de main…)."];

        Listing? listing = null;
        if (fields.ListingId is { } listingId)
        {
            listing = await db.Listings.AsNoTracking().FirstOrDefaultAsync(l => l.Id == listingId, ct);
            if (listing is null || (listing.OrganizationId != asId && listing.OrganizationId != fields.CounterpartOrganizationId))
                errors[ExchangeFields.Keys.ListingId] = ["L'annonce doit être celle de l'une des deux parties."];
        }

        var category = string.IsNullOrWhiteSpace(fields.Category) ? listing?.Category ?? "other" : fields.Category.Trim();
        if (taxonomy.FindCategory(category) is null) errors[ExchangeFields.Keys.Category] = ["Cette catégorie n'existe pas."];

        var today = DateOnly.FromDateTime(Infrastructure.Web.Display.ToParis(clock.GetUtcNow().UtcDateTime));
        DateOnly date = default;
        if (string.IsNullOrWhiteSpace(fields.Date) || !DateOnly.TryParseExact(fields.Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            errors[ExchangeFields.Keys.Date] = ["Indiquez la date de l'échange (AAAA-MM-JJ)."];
        else if (date > today) errors[ExchangeFields.Keys.Date] = ["Un échange se déclare une fois fait : la date ne peut pas être dans le futur."];
        else if (date.Year < 2000) errors[ExchangeFields.Keys.Date] = ["Cette date est trop ancienne."];

        var description = fields.Description?.Trim() ?? "";
        if (description.Length == 0) errors[ExchangeFields.Keys.Description] = ["Décrivez ce qui a été échangé."];
        else if (description.Length > Exchange.MaxDescriptionLength) errors[ExchangeFields.Keys.Description] = ["La description doit faire au plus 2 000 caractères."];

        decimal? amount = null, hours = null, value = null;
        int? days = null;
        if (mode is { Market: true })
        {
            amount = Decimal(fields.AmountEur, ExchangeFields.Keys.AmountEur, MaxAmountEur, errors, "le montant en euros");
            if (amount is null && !errors.ContainsKey(ExchangeFields.Keys.AmountEur))
                errors[ExchangeFields.Keys.AmountEur] = ["Indiquez le montant en euros : c'est un échange marchand."];
        }
        else if (mode is not null)
        {
            hours = Decimal(fields.Hours, ExchangeFields.Keys.Hours, MaxHours, errors, "le nombre d'heures");
            value = Decimal(fields.EstimatedValueEur, ExchangeFields.Keys.EstimatedValueEur, MaxAmountEur, errors, "la valeur estimée");
            if (!string.IsNullOrWhiteSpace(fields.Days))
            {
                if (int.TryParse(fields.Days.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= MaxDays) days = d;
                else errors[ExchangeFields.Keys.Days] = ["Le nombre de jours de prêt est un nombre entier de 1 à 3 660."];
            }
            if (mode.Slug == "loan")
            {
                if (days is null && !errors.ContainsKey(ExchangeFields.Keys.Days))
                    errors[ExchangeFields.Keys.Days] = ["Indiquez le nombre de jours de prêt."];
            }
            else if (hours is null && !errors.ContainsKey(ExchangeFields.Keys.Hours))
                errors[ExchangeFields.Keys.Hours] = ["Indiquez le temps donné, en heures : c'est un échange non marchand."];
        }
        if (errors.Count > 0) return false;

        var from = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == asId, ct);
        exchange.ToOrganizationId = counterpart!.Id;
        await PairAsync(exchange, asId, counterpart.Id, ct);
        exchange.Description = description;
        exchange.Mode = mode!.Slug;
        exchange.Market = mode.Market;
        exchange.Category = category;
        exchange.Date = date;
        exchange.Month = date.Year * 100 + date.Month;
        exchange.AmountCents = Cents(amount);
        exchange.EstimatedValueCents = Cents(value);
        exchange.Minutes = hours is { } h ? (int)Math.Round(h * 60m) : null;
        exchange.Days = days;
        exchange.ListingId = fields.ListingId;
        exchange.ConversationId = fields.ConversationId;
        if (exchange.SourceKind is null or ListingSource or ConversationSource)
        {
            exchange.SourceKind = fields.ListingId is not null ? ListingSource : fields.ConversationId is not null ? ConversationSource : null;
            exchange.SourceId = fields.ListingId ?? fields.ConversationId;
        }
        Place(exchange, from, counterpart);
        return true;
    }

    /// <summary>Both parties' territories, legal forms and the distance between them, as they are now.</summary>
    void Place(Exchange exchange, Organization from, Organization to)
    {
        var a = from.CommuneInsee is { } ca ? territories.FindCommune(ca) : null;
        var b = to.CommuneInsee is { } cb ? territories.FindCommune(cb) : null;
        (exchange.FromDepartement, exchange.FromEpci) = (a?.DepartementCode, a?.EpciCode);
        (exchange.ToDepartement, exchange.ToEpci) = (b?.DepartementCode, b?.EpciCode);
        exchange.FromLegalForm = LegalFormOf(from);
        exchange.ToLegalForm = LegalFormOf(to);
        exchange.DistanceKm = from.Latitude is { } la && from.Longitude is { } lo && to.Latitude is { } lb && to.Longitude is { } lob
            ? Math.Round(new GeoPoint(la, lo).DistanceKmTo(new GeoPoint(lb, lob)), 2)
            : null;
    }

    static string? LegalFormOf(Organization organization) =>
        organization.LegalForm ?? (organization.Kind == OrganizationKind.Individual ? "individual" : null);

    static long? Cents(decimal? euros) => euros is { } e ? (long)Math.Round(e * 100m, MidpointRounding.AwayFromZero) : null;

    /// <summary>"12,50", "12.50" and "1 200" all read; empty is null; anything else is an error naming the field.</summary>
    static decimal? Decimal(string? text, string key, decimal max, Dictionary<string, string[]> errors, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var clean = text.Trim().Replace(" ", "").Replace("\u00a0", "").Replace("\u202f", "").Replace("€", "").Replace(',', '.');
        if (!decimal.TryParse(clean, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value > max || decimal.Round(value, 2) != value)
        {
            errors[key] = [$"Indiquez {what} : un nombre positif (au plus deux décimales), par exemple 12,50."];
            return null;
        }
        return value;
    }

    /// <summary>A number as the forms show it back: French decimals, no trailing zeros.</summary>
    public static string Format(decimal? value) => value is { } v ? v.ToString("0.##", French) : "";
}
