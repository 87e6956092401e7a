using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>
/// An exchange, for its parties and the network's staff: the other party confirms or disputes it, the
/// declaring side corrects it, a facilitator confirms for a party; once confirmed each side may leave
/// its recommendation, and the rated organisation answer it once.
/// </summary>
[Authorize]
public sealed class DetailsModel(ElBasarDbContext db, ExchangeLedger ledger, ExchangeViews views, OrganizationAccess access) : PageModel
{
    public Exchange Exchange { get; private set; } = null!;
    public string FromName { get; private set; } = "";
    public string ToName { get; private set; } = "";
    public string? ListingTitle { get; private set; }
    public string? DeclaredBy { get; private set; }
    public string? ConfirmedBy { get; private set; }
    public bool CanConfirm { get; private set; }
    public bool CanEdit { get; private set; }
    public bool CanConfirmForParty { get; private set; }

    /// <summary>The side the user would write a recommendation for, when it has not written one yet.</summary>
    public Guid? RecommendAs { get; private set; }
    public IReadOnlyList<RecommendationView> Recommendations { get; private set; } = [];
    public IReadOnlySet<Guid> Answerable { get; private set; } = new HashSet<Guid>();
    public IReadOnlyList<string> Problems { get; private set; } = [];

    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public int? Rating { get; set; }
    [BindProperty] public string? Answer { get; set; }
    [BindProperty] public Guid? RecommendationId { get; set; }

    Guid UserId => OrganizationAccess.UserIdOf(User)!.Value;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct) => ActAsync(id, () => ledger.ConfirmAsync(UserId, id, false, ct), ct);

    public Task<IActionResult> OnPostConfirmForPartyAsync(Guid id, CancellationToken ct) =>
        AccountPolicies.IsStaff(User) ? ActAsync(id, () => ledger.ConfirmAsync(UserId, id, true, ct), ct) : Task.FromResult<IActionResult>(NotFound());

    public Task<IActionResult> OnPostDisputeAsync(Guid id, CancellationToken ct) => ActAsync(id, () => ledger.DisputeAsync(UserId, id, Comment, ct), ct);

    public Task<IActionResult> OnPostRecommendAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, async () => (await ledger.RecommendAsync(UserId, id, null, Rating, Comment, ct)).Result, ct);

    public Task<IActionResult> OnPostAnswerAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, () => ledger.AnswerAsync(UserId, RecommendationId ?? Guid.Empty, Answer, ct), ct);

    async Task<IActionResult> ActAsync(Guid id, Func<Task<LedgerResult>> act, CancellationToken ct)
    {
        var result = await act();
        if (result.Outcome == LedgerOutcome.Done) return Redirect($"/echanges/{id}");
        if (result.Outcome is LedgerOutcome.NotFound || !await LoadAsync(id, ct)) return NotFound();
        if (result.Outcome == LedgerOutcome.Forbidden) return Forbid();
        Problems = [.. (result.Errors?.SelectMany(e => e.Value) ?? []), .. result.Problem is { } p ? new[] { p } : []];
        return Page();
    }

    async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await db.Exchanges.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) is not { } exchange) return false;
        var staff = AccountPolicies.IsStaff(User);
        var fromSide = await access.CanEditAsync(UserId, exchange.FromOrganizationId, ct);
        var toSide = await access.CanEditAsync(UserId, exchange.ToOrganizationId, ct);
        if (!fromSide && !toSide && !staff) return false;
        Exchange = exchange;
        var names = await db.Organizations.AsNoTracking().Where(o => o.Id == exchange.FromOrganizationId || o.Id == exchange.ToOrganizationId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        FromName = names.GetValueOrDefault(exchange.FromOrganizationId, "");
        ToName = names.GetValueOrDefault(exchange.ToOrganizationId, "");
        ListingTitle = exchange.ListingId is { } listingId
            ? await db.Set<Listings.Listing>().Where(l => l.Id == listingId).Select(l => l.Title).FirstOrDefaultAsync(ct) : null;
        DeclaredBy = await views.UserNameAsync(exchange.DeclaredById, ct);
        ConfirmedBy = await views.UserNameAsync(exchange.ConfirmedById, ct);
        var open = exchange.Status != ExchangeStatus.Confirmed;
        CanConfirm = open && toSide && exchange.DeclaredById != UserId;
        CanEdit = open && fromSide;
        CanConfirmForParty = open && staff && !CanConfirm;
        Recommendations = (await views.Recommendations(r => r.ExchangeId == id).ToListAsync(ct)).OrderBy(r => r.CreatedAt).ToList();
        if (exchange.Status == ExchangeStatus.Confirmed)
        {
            var written = Recommendations.Select(r => r.AuthorOrganizationId).ToHashSet();
            RecommendAs = fromSide && !written.Contains(exchange.FromOrganizationId) ? exchange.FromOrganizationId
                : toSide && !written.Contains(exchange.ToOrganizationId) ? exchange.ToOrganizationId : null;
        }
        var answerable = new HashSet<Guid>();
        foreach (var r in Recommendations.Where(r => r.Answer is null))
            if (await access.CanEditAsync(UserId, r.SubjectOrganizationId, ct)) answerable.Add(r.Id);
        Answerable = answerable;
        return true;
    }
}
