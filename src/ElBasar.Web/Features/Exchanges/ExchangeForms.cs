using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Messaging;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>What the declaration and edit pages share: the choices of the form, and the ledger's errors put beside their fields.</summary>
public sealed class ExchangeForms(ElBasarDbContext db, OrganizationAccess access)
{
    public async Task<ExchangeFormChoices> ChoicesAsync(Guid userId, ExchangeInput input, bool editing, CancellationToken ct)
    {
        var mine = (await access.OrganizationsOfAsync(userId, ct)).Select(o => (o.Id, o.Name)).ToList();
        var others = (await db.Organizations.AsNoTracking().Where(o => o.Status == OrganizationStatus.Active)
                .Select(o => new { o.Id, o.Name }).ToListAsync(ct))
            .Where(o => o.Id != input.AsOrganizationId)
            .OrderBy(o => o.Name, StringComparer.Create(Infrastructure.Web.WebModule.French, ignoreCase: true))
            .Select(o => (o.Id, o.Name)).ToList();
        var suggested = new List<(Guid, string)>();
        string? title = null;
        if (input.ListingId is { } listingId)
        {
            title = await db.Listings.AsNoTracking().Where(l => l.Id == listingId).Select(l => l.Title).FirstOrDefaultAsync(ct);
            // Those who wrote to the organisation about this listing are the likely other party.
            var starters = await db.Conversations.AsNoTracking().Where(c => c.ListingId == listingId && c.StarterOrganizationId != null)
                .Select(c => c.StarterOrganizationId!.Value).Distinct().ToListAsync(ct);
            suggested.AddRange(others.Where(o => starters.Contains(o.Id)));
        }
        return new ExchangeFormChoices(mine, suggested, others, title, editing);
    }

    public static void Show(ModelStateDictionary state, LedgerResult result)
    {
        state.Clear();
        foreach (var (key, messages) in result.Errors ?? new Dictionary<string, string[]>())
            foreach (var message in messages) state.AddModelError(ExchangeInput.FieldOf(key), message);
        if (result.Outcome == LedgerOutcome.Forbidden)
            state.AddModelError("Input.AsOrganizationId", "Vous n'agissez pas pour cette structure.");
        if (result.Outcome == LedgerOutcome.Conflict) state.AddModelError("", result.Problem ?? "");
    }
}
