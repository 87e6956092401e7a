using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Cooperations;

/// <summary>
/// The cooperations and who changes them: facilitators record and change any; the people (owners,
/// editors) of an organisation record one their organisation takes part in, and change those it
/// takes part in. Only facilitators delete. Pages and the API come through here.
/// </summary>
public sealed class CooperationCatalog(ElBasarDbContext db, OrganizationAccess access, TerritoryCoverage coverage, Taxonomy taxonomy, TimeProvider clock)
{
    public const int LongText = 4000;

    /// <summary>What is typed to record or change a cooperation, by the page or the API.</summary>
    public sealed record Fields(
        string? Title, string? Kind, string? Sector, TerritoryLevel? TerritoryLevel, string? TerritoryCode,
        IReadOnlyList<Guid> Participants, string? OutsidePartners, string? Origin, string? Governance, string? Stakes, string? WorkingTogether,
        string? ContactName, string? ContactEmail, string? ContactPhone, DateOnly? StartsOn, DateOnly? EndsOn);

    /// <summary>Today in Paris: a cooperation ends at the end of its last day there.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Display.ToParis(clock.GetUtcNow().UtcDateTime));

    public static CooperationStatus StatusOf(DateOnly startsOn, DateOnly? endsOn, DateOnly today) =>
        startsOn > today ? CooperationStatus.Upcoming : endsOn < today ? CooperationStatus.Ended : CooperationStatus.Ongoing;

    /// <summary>The organisations the person acts for (owner or editor), by name.</summary>
    public async Task<IReadOnlyList<UserOrganization>> OrganizationsOfAsync(ClaimsPrincipal user, CancellationToken ct) =>
        OrganizationAccess.UserIdOf(user) is { } id ? await access.OrganizationsOfAsync(id, ct) : [];

    public async Task<bool> MayCreateAsync(ClaimsPrincipal user, CancellationToken ct) =>
        AccountPolicies.IsStaff(user) || (await OrganizationsOfAsync(user, ct)).Count > 0;

    /// <summary>Facilitators, and the people of an organisation taking part.</summary>
    public async Task<bool> MayEditAsync(ClaimsPrincipal user, Guid cooperationId, CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(user) is not { } userId) return false;
        if (AccountPolicies.IsStaff(user)) return true;
        return await db.Set<CooperationParticipant>().AnyAsync(p => p.CooperationId == cooperationId
            && db.Set<OrganizationMember>().Any(m => m.OrganizationId == p.OrganizationId && m.UserId == userId), ct);
    }

    public static bool MayDelete(ClaimsPrincipal user) => AccountPolicies.IsStaff(user);

    /// <summary>Checks the fields, keyed by the API's field names; empty when they make a cooperation.</summary>
    public async Task<Dictionary<string, string[]>> CheckAsync(ClaimsPrincipal user, Fields f, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];
        if (f.Title?.Trim() is not { Length: > 0 and <= 200 }) Add("title", "Donnez un nom à la coopération (200 caractères au plus).");
        if (!CooperationWords.TryParseKind(f.Kind, out _)) Add("kind", "Choisissez le type de coopération.");
        if (taxonomy.FindCategory(f.Sector) is null) Add("sector", "Choisissez le secteur.");
        if (f.TerritoryLevel is not { } level || !coverage.Exists(level, f.TerritoryCode))
            Add("territory", "Indiquez le territoire couvert : la région, un département, une intercommunalité ou une commune.");

        var partners = OutsidePartnerLines(f.OutsidePartners);
        var ids = f.Participants.Distinct().ToList();
        var known = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct);
        if (ids.Count == 0) Add("participants", "Cochez au moins une structure de l'annuaire qui y prend part.");
        else if (known.Count != ids.Count) Add("participants", "Une des structures cochées n'est plus dans l'annuaire.");
        else if (ids.Count + partners.Count < 2) Add("participants", "Une coopération réunit au moins deux partenaires : cochez une autre structure ou nommez un partenaire hors annuaire.");
        else if (!AccountPolicies.IsStaff(user))
        {
            var mine = (await OrganizationsOfAsync(user, ct)).Select(o => o.Id).ToHashSet();
            if (!ids.Any(mine.Contains)) Add("participants", "Cochez au moins une de vos structures parmi les participantes.");
        }
        if (f.OutsidePartners?.Length > 2000) Add("outsidePartners", "2 000 caractères au plus pour les autres partenaires.");
        else if (partners.Any(p => p.Length > 200)) Add("outsidePartners", "Un partenaire par ligne, 200 caractères au plus chacun.");

        foreach (var (field, value, what) in new[]
                 {
                     ("origin", f.Origin, "L'origine de la démarche"), ("governance", f.Governance, "La composition et la gouvernance"),
                     ("stakes", f.Stakes, "Les enjeux"), ("workingTogether", f.WorkingTogether, "« Travailler ensemble c'est… »"),
                 })
            if (value?.Length > LongText) Add(field, $"{what} : 4 000 caractères au plus.");

        if (f.ContactName?.Trim() is not { Length: > 0 and <= 200 }) Add("contactName", "Indiquez le nom de la personne à contacter.");
        var email = f.ContactEmail?.Trim();
        var phone = f.ContactPhone?.Trim();
        if (string.IsNullOrEmpty(email) && string.IsNullOrEmpty(phone)) Add("contactEmail", "Indiquez une adresse e-mail ou un téléphone pour le contact.");
        else if (!string.IsNullOrEmpty(email) && (email.Length > 320 || !new EmailAddressAttribute().IsValid(email)))
            Add("contactEmail", "L'adresse e-mail du contact n'est pas valable (par exemple nom@exemple.fr).");
        if (phone?.Length > 40 || (!string.IsNullOrEmpty(phone) && !phone.All(c => char.IsDigit(c) || c is ' ' or '.' or '-' or '+' or '(' or ')')))
            Add("contactPhone", "Le téléphone s'écrit avec des chiffres, par exemple 03 20 00 00 00.");

        if (f.StartsOn is not { } start) Add("startsOn", "Indiquez la date de début (jj/mm/aaaa).");
        else if (start.Year < 1900 || start.Year > 2200) Add("startsOn", "La date de début n'est pas plausible.");
        if (f.EndsOn is { } end && f.StartsOn is { } s && end < s) Add("endsOn", "La date de fin doit venir après la date de début.");
        return errors;
    }

    static List<string> OutsidePartnerLines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    public static IReadOnlyList<string> OutsidePartnersOf(Cooperation c) => OutsidePartnerLines(c.OutsidePartners);

    /// <summary>Records the cooperation; the fields must have passed <see cref="CheckAsync"/>.</summary>
    public async Task<Cooperation> CreateAsync(ClaimsPrincipal user, Fields f, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cooperation = new Cooperation
        {
            Title = "", Sector = "", TerritoryCode = "", ContactName = "",
            CreatedByUserId = OrganizationAccess.UserIdOf(user), CreatedAt = now,
        };
        Apply(cooperation, f, now);
        db.Add(cooperation);
        await db.SaveChangesAsync(ct);
        return cooperation;
    }

    public async Task UpdateAsync(Cooperation cooperation, Fields f, CancellationToken ct)
    {
        Apply(cooperation, f, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(Guid id, CancellationToken ct) =>
        await db.Set<Cooperation>().Where(c => c.Id == id).ExecuteDeleteAsync(ct);

    static void Apply(Cooperation c, Fields f, DateTime now)
    {
        CooperationWords.TryParseKind(f.Kind, out var kind);
        c.Title = f.Title!.Trim();
        c.Kind = kind;
        c.Sector = f.Sector!;
        c.TerritoryLevel = f.TerritoryLevel!.Value;
        c.TerritoryCode = f.TerritoryCode!.Trim().ToUpperInvariant();
        var partners = OutsidePartnerLines(f.OutsidePartners);
        c.OutsidePartners = partners.Count == 0 ? null : string.Join('\n', partners);
        c.Origin = f.Origin?.Trim() ?? "";
        c.Governance = f.Governance?.Trim() ?? "";
        c.Stakes = f.Stakes?.Trim() ?? "";
        c.WorkingTogether = f.WorkingTogether?.Trim() ?? "";
        c.ContactName = f.ContactName!.Trim();
        c.ContactEmail = Blank(f.ContactEmail);
        c.ContactPhone = Blank(f.ContactPhone);
        c.StartsOn = f.StartsOn!.Value;
        c.EndsOn = f.EndsOn;
        var wanted = f.Participants.Distinct().ToHashSet();
        c.Participants.RemoveAll(p => !wanted.Contains(p.OrganizationId));
        foreach (var id in wanted.Where(id => c.Participants.All(p => p.OrganizationId != id)))
            c.Participants.Add(new CooperationParticipant { CooperationId = c.Id, OrganizationId = id });
        c.UpdatedAt = now;
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>A cooperation with its participants, tracked, for its page and its edit form.</summary>
    public Task<Cooperation?> FindAsync(Guid id, CancellationToken ct) =>
        db.Set<Cooperation>().Include(c => c.Participants).ThenInclude(p => p.Organization).SingleOrDefaultAsync(c => c.Id == id, ct);

    /// <summary>A participant as lists show it; hidden organisations are left out of public pages.</summary>
    public sealed record Participant(Guid Id, string Name);

    /// <summary>A cooperation as the list, the profiles and the API show it.</summary>
    public sealed record Summary(
        Guid Id, string Title, CooperationKind Kind, string Sector, TerritoryLevel TerritoryLevel, string TerritoryCode,
        DateOnly StartsOn, DateOnly? EndsOn, IReadOnlyList<Participant> Participants, IReadOnlyList<string> OutsidePartners)
    {
        public CooperationStatus StatusOn(DateOnly today) => StatusOf(StartsOn, EndsOn, today);
    }

    /// <summary>
    /// The cooperations matching the query, ongoing first then the latest started. A network records
    /// tens to a few hundred of them: they are filtered in memory, so words ignore accents and case as
    /// the directory does, and a territory meets another when they share a commune.
    /// </summary>
    public Task<IReadOnlyList<Summary>> SearchAsync(CooperationQuery query, CancellationToken ct) =>
        SearchAsync(db.Set<Cooperation>(), query, ct);

    async Task<IReadOnlyList<Summary>> SearchAsync(IQueryable<Cooperation> cooperations, CooperationQuery query, CancellationToken ct)
    {
        var rows = await cooperations.AsNoTracking()
            .Where(c => query.Kind == null || c.Kind == query.Kind)
            .Where(c => query.Sector == null || c.Sector == query.Sector)
            .Select(c => new
            {
                c.Id, c.Title, c.Kind, c.Sector, c.TerritoryLevel, c.TerritoryCode, c.StartsOn, c.EndsOn, c.OutsidePartners,
                c.Origin, c.Governance, c.Stakes, c.WorkingTogether,
                Participants = c.Participants.Where(p => p.Organization!.Status == OrganizationStatus.Active)
                    .Select(p => new Participant(p.OrganizationId, p.Organization!.Name)).ToList(),
            })
            .ToListAsync(ct);
        var today = Today;
        var area = coverage.Filter(query.Territory);
        var words = SearchText.QueryWords(query.Text);
        var french = StringComparer.Create(WebModule.French, ignoreCase: true);
        return rows
            .Where(r => area is null || coverage.Meets(r.TerritoryLevel, r.TerritoryCode, area))
            .Where(r => query.Status is null || StatusOf(r.StartsOn, r.EndsOn, today) == query.Status)
            .Where(r => words.Count == 0 || HasAll(words, string.Join(' ', [r.Title, r.OutsidePartners, r.Origin, r.Governance, r.Stakes,
                r.WorkingTogether, CooperationWords.Label(r.Kind), .. r.Participants.Select(p => p.Name)])))
            .OrderBy(r => StatusOf(r.StartsOn, r.EndsOn, today) == CooperationStatus.Ended ? 1 : 0)
            .ThenByDescending(r => r.StartsOn).ThenBy(r => r.Title, french)
            .Select(r => new Summary(r.Id, r.Title, r.Kind, r.Sector, r.TerritoryLevel, r.TerritoryCode, r.StartsOn, r.EndsOn,
                r.Participants.OrderBy(p => p.Name, french).ToList(), OutsidePartnerLines(r.OutsidePartners)))
            .ToList();
    }

    // Every word of the query starts a word of the text: "epicer" finds "épiceries".
    static bool HasAll(IReadOnlyList<string> words, string text)
    {
        var have = SearchText.Normalize(text).Split(' ');
        return words.All(w => have.Any(h => h.StartsWith(w, StringComparison.Ordinal)));
    }

    /// <summary>The cooperations an organisation takes part in, ongoing first: its profile's section.</summary>
    public Task<IReadOnlyList<Summary>> OfOrganizationAsync(Guid organizationId, CancellationToken ct) =>
        SearchAsync(db.Set<Cooperation>().Where(c => c.Participants.Any(p => p.OrganizationId == organizationId)), new CooperationQuery(), ct);
}

/// <summary>The filters of the list and of <c>GET /api/v1/cooperations</c>; null is "any".</summary>
public sealed record CooperationQuery(
    string? Text = null, CooperationKind? Kind = null, string? Sector = null, string? Territory = null, CooperationStatus? Status = null);
