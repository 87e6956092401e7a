using System.Globalization;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Messaging;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>
/// "Déclarer un échange", prefilled from where it came from: a listing closed as pourvue
/// (?annonce=), a conversation (?conversation=), a returned loan (?pret=&amp;avec=&amp;au-nom-de=&amp;jours=&amp;date=),
/// or any of those fields given in the address.
/// </summary>
[Authorize]
public sealed class NewModel(ElBasarDbContext db, ExchangeLedger ledger, ExchangeForms forms, OrganizationAccess access, TimeProvider clock) : PageModel
{
    [BindProperty] public ExchangeInput Input { get; set; } = new();
    public ExchangeFormChoices Choices { get; private set; } = null!;
    public IReadOnlyList<string> Problems { get; private set; } = [];

    Guid UserId => OrganizationAccess.UserIdOf(User)!.Value;

    public async Task OnGetAsync(
        [FromQuery(Name = "annonce")] Guid? listingId, [FromQuery(Name = "conversation")] Guid? conversationId,
        [FromQuery(Name = "avec")] Guid? with, [FromQuery(Name = "au-nom-de")] Guid? asOrganization, [FromQuery(Name = "mode")] string? mode,
        [FromQuery(Name = "jours")] string? days, [FromQuery(Name = "date")] string? date, [FromQuery(Name = "description")] string? description,
        CancellationToken ct)
    {
        var mine = (await access.OrganizationsOfAsync(UserId, ct)).Select(o => o.Id).ToHashSet();
        Input = new ExchangeInput
        {
            AsOrganizationId = asOrganization is { } a && mine.Contains(a) ? a : mine.FirstOrDefault(),
            CounterpartOrganizationId = with, Mode = mode, Days = days, Description = description,
            Date = date ?? DateOnly.FromDateTime(Display.ToParis(clock.GetUtcNow().UtcDateTime)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        if (conversationId is { } cid && await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cid, ct) is { } conversation)
        {
            Input.ConversationId = cid;
            listingId ??= conversation.ListingId;
            if (mine.Contains(conversation.OrganizationId)) (Input.AsOrganizationId, Input.CounterpartOrganizationId) = (conversation.OrganizationId, conversation.StarterOrganizationId);
            else if (conversation.StarterOrganizationId is { } starter && mine.Contains(starter)) (Input.AsOrganizationId, Input.CounterpartOrganizationId) = (starter, conversation.OrganizationId);
        }
        if (listingId is { } lid && await db.Listings.AsNoTracking().Include(l => l.ExchangeModes).FirstOrDefaultAsync(l => l.Id == lid, ct) is { } listing)
        {
            Input.ListingId = lid;
            Input.Category = listing.Category;
            Input.Mode ??= listing.ExchangeModes.Select(m => m.Mode).FirstOrDefault();
            Input.Description ??= listing.Title;
            if (mine.Contains(listing.OrganizationId)) Input.AsOrganizationId = listing.OrganizationId;
            else Input.CounterpartOrganizationId ??= listing.OrganizationId;
            if (listing.Price is { } price && Input.Mode is "sale" or "rental" or "service") Input.AmountEur = ExchangeLedger.Format(price);
        }
        Choices = await forms.ChoicesAsync(UserId, Input, editing: false, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await ledger.DeclareAsync(UserId, Input.ToFields(), ct);
        if (result.Outcome == LedgerOutcome.Done) return Redirect($"/echanges/{result.Exchange!.Id}");
        ExchangeForms.Show(ModelState, result);
        Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct().ToList();
        Choices = await forms.ChoicesAsync(UserId, Input, editing: false, ct);
        return Page();
    }
}
