using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Directory.Merge;

/// <summary>
/// The facilitators merge two records of one organisation: find them by name, choose the one kept
/// and the duplicate, see what moves, then merge (<see cref="OrganizationMerger"/>).
/// </summary>
[Authorize(Policy = AccountPolicies.Staff)]
public sealed class MergeModel(ElBasarDbContext db, OrganizationMerger merger) : PageModel
{
    public sealed record Card(Guid Id, string Name, string? Commune, string? PostalCode, string? Email, DateTime CreatedAt);

    public const int MaxFound = 50;

    public string? Query { get; private set; }
    public IReadOnlyList<Card> Found { get; private set; } = [];
    public Card? Kept { get; private set; }
    public Card? Removed { get; private set; }
    public IReadOnlyList<MergeMove> Moves { get; private set; } = [];
    public string? Problem { get; private set; }
    public Card? Merged { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? q, Guid? garder, Guid? doublon, Guid? fusionnee, CancellationToken ct)
    {
        Query = q?.Trim();
        if (fusionnee is { } merged) Merged = await FindAsync(merged, ct);
        if (garder is not null || doublon is not null)
        {
            if (await ChosenAsync(garder, doublon, ct)) Moves = await merger.PreviewAsync(Removed!.Id, ct);
        }
        if (Query is { Length: > 0 } text)
        {
            var lower = text.ToLower();
            Found = await db.Organizations.AsNoTracking().Where(o => o.Name.ToLower().Contains(lower)).OrderBy(o => o.Name).ThenBy(o => o.CreatedAt)
                .Take(MaxFound).Select(o => new Card(o.Id, o.Name, o.Commune, o.PostalCode, o.Email, o.CreatedAt)).ToListAsync(ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? garder, Guid? doublon, CancellationToken ct)
    {
        if (!await ChosenAsync(garder, doublon, ct)) return Page();
        if (!await merger.MergeAsync(Kept!.Id, Removed!.Id, ct)) return NotFound();
        return Redirect($"/animation/structures/fusionner?fusionnee={Kept.Id}");
    }

    async Task<bool> ChosenAsync(Guid? garder, Guid? doublon, CancellationToken ct)
    {
        if (garder is null || doublon is null) Problem = "Choisissez la fiche à garder et celle du doublon.";
        else if (garder == doublon) Problem = "Choisissez deux fiches différentes : la fiche gardée et son doublon.";
        else
        {
            (Kept, Removed) = (await FindAsync(garder.Value, ct), await FindAsync(doublon.Value, ct));
            if (Kept is null || Removed is null) Problem = "Une des deux fiches n'existe plus : cherchez-les à nouveau.";
        }
        return Problem is null;
    }

    Task<Card?> FindAsync(Guid id, CancellationToken ct) =>
        db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => new Card(o.Id, o.Name, o.Commune, o.PostalCode, o.Email, o.CreatedAt)).SingleOrDefaultAsync(ct);
}
