using System.Globalization;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Cooperations;

/// <summary>Recording a cooperation (<c>/cooperations/nouvelle</c>) and changing it: a failed save keeps everything typed.</summary>
[Authorize]
public sealed class CooperationEditModel(CooperationCatalog catalog, TerritoryCoverage coverage, ElBasarDbContext db) : PageModel
{
    public const string CommuneChoice = "commune";

    public sealed class CooperationForm
    {
        public string? Title { get; set; }
        public string Kind { get; set; } = "";
        public string Sector { get; set; } = "";

        /// <summary>"region:32", "departement:62", "epci:200033579", or <see cref="CommuneChoice"/> with <see cref="Commune"/>.</summary>
        public string Territory { get; set; } = "";
        public string? Commune { get; set; }
        public List<Guid> Participants { get; set; } = [];
        public string? OutsidePartners { get; set; }
        public string? Origin { get; set; }
        public string? Governance { get; set; }
        public string? Stakes { get; set; }
        public string? WorkingTogether { get; set; }
        public string? ContactName { get; set; }
        public string? ContactEmail { get; set; }
        public string? ContactPhone { get; set; }
        public string? StartsOn { get; set; }
        public string? EndsOn { get; set; }
    }

    /// <summary>An organisation one may tick; <c>Mine</c> when the person acts for it.</summary>
    public sealed record Choice(Guid Id, string Name, string? Commune, bool Mine);

    [BindProperty] public CooperationForm Input { get; set; } = new();
    public Guid? Id { get; private set; }
    public IReadOnlyList<Choice> Choices { get; private set; } = [];
    public TerritoryCoverage Coverage => coverage;
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, Guid? structure, CancellationToken ct)
    {
        if (id is { } existing)
        {
            if (await FindEditableAsync(existing, ct) is not { } c) return NotFound();
            Id = existing;
            Input = new CooperationForm
            {
                Title = c.Title, Kind = CooperationWords.Slug(c.Kind), Sector = c.Sector,
                Territory = c.TerritoryLevel == TerritoryLevel.Commune ? CommuneChoice : $"{Slug.Of(c.TerritoryLevel)}:{c.TerritoryCode}",
                Commune = c.TerritoryLevel == TerritoryLevel.Commune ? coverage.Name(c.TerritoryLevel, c.TerritoryCode) : null,
                Participants = c.Participants.Select(p => p.OrganizationId).ToList(), OutsidePartners = c.OutsidePartners,
                Origin = c.Origin, Governance = c.Governance, Stakes = c.Stakes, WorkingTogether = c.WorkingTogether,
                ContactName = c.ContactName, ContactEmail = c.ContactEmail, ContactPhone = c.ContactPhone,
                StartsOn = c.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), EndsOn = c.EndsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
        }
        else if (!await catalog.MayCreateAsync(User, ct)) return Forbid();
        await LoadChoicesAsync(ct);
        if (id is null)
        {
            // The organisation the person came from, or their only one, is ticked to begin with.
            var mine = Choices.Where(c => c.Mine).ToList();
            if (structure is { } s && mine.Any(c => c.Id == s)) Input.Participants = [s];
            else if (mine.Count == 1) Input.Participants = [mine[0].Id];
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Cooperation? cooperation = null;
        if (id is { } existing)
        {
            if ((cooperation = await FindEditableAsync(existing, ct)) is null) return NotFound();
            Id = existing;
        }
        else if (!await catalog.MayCreateAsync(User, ct)) return Forbid();
        await LoadChoicesAsync(ct);

        var formErrors = new Dictionary<string, string[]>();
        var (level, code) = Territory(formErrors);
        var fields = new CooperationCatalog.Fields(Input.Title, Input.Kind, Input.Sector, level, code, Input.Participants,
            Input.OutsidePartners, Input.Origin, Input.Governance, Input.Stakes, Input.WorkingTogether,
            Input.ContactName, Input.ContactEmail, Input.ContactPhone, Date(Input.StartsOn, "startsOn", formErrors), Date(Input.EndsOn, "endsOn", formErrors));
        Errors = await catalog.CheckAsync(User, fields, ct);
        foreach (var (k, v) in formErrors) Errors[k] = v;
        if (Errors.Count > 0) return Page();
        if (cooperation is null) cooperation = await catalog.CreateAsync(User, fields, ct);
        else await catalog.UpdateAsync(cooperation, fields, ct);
        return Redirect($"/cooperations/{cooperation.Id}?fait=enregistree");
    }

    (TerritoryLevel?, string?) Territory(Dictionary<string, string[]> errors)
    {
        if (Input.Territory == CommuneChoice)
        {
            if (string.IsNullOrWhiteSpace(Input.Commune)) errors["territory"] = ["Indiquez la commune, par exemple « Arras » ou « 62000 »."];
            else if (coverage.FindCommune(Input.Commune) is { } commune) return (TerritoryLevel.Commune, commune.Code);
            else errors["territory"] = [$"Aucune commune ne correspond à « {Input.Commune.Trim()} » : vérifiez l'orthographe ou donnez le code postal."];
            return (null, null);
        }
        var parts = Input.Territory.Split(':', 2);
        return parts.Length == 2 && Slug.TryParse<TerritoryLevel>(parts[0], out var level) ? (level, parts[1]) : (null, null);
    }

    static DateOnly? Date(string? typed, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        if (DateOnly.TryParseExact(typed.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        errors[field] = ["Cette date n'est pas valable : écrivez-la jj/mm/aaaa."];
        return null;
    }

    // Every active organisation of the directory, the person's own first; those already taking part stay even when hidden.
    async Task LoadChoicesAsync(CancellationToken ct)
    {
        var mine = (await catalog.OrganizationsOfAsync(User, ct)).Select(o => o.Id).ToHashSet();
        var ticked = Input.Participants;
        var rows = await db.Organizations.AsNoTracking()
            .Where(o => o.Status == OrganizationStatus.Active || ticked.Contains(o.Id))
            .Select(o => new { o.Id, o.Name, o.Commune }).Take(5000).ToListAsync(ct);
        var french = StringComparer.Create(Infrastructure.Web.WebModule.French, ignoreCase: true);
        Choices = rows.Select(r => new Choice(r.Id, r.Name, r.Commune, mine.Contains(r.Id)))
            .OrderByDescending(c => c.Mine).ThenBy(c => c.Name, french).ToList();
    }

    async Task<Cooperation?> FindEditableAsync(Guid id, CancellationToken ct) =>
        await catalog.MayEditAsync(User, id, ct) ? await catalog.FindAsync(id, ct) : null;

    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var m) ? m[0] : null;
}
