using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Search;

/// <summary>
/// The admins' changes to the thesaurus. Synonyms are applied when a query is analysed, not when a
/// listing is indexed, so a saved group changes the next search without re-indexing anything.
/// A seed group (thesaurus.txt) edited or removed keeps its row, so the start-up seed leaves it alone.
/// </summary>
public sealed class ThesaurusEditor(ElBasarDbContext db, ThesaurusCache cache, TimeProvider clock)
{
    public const int MaxTermLength = 100;
    public const int MaxTermsLength = 2000;

    public Task<List<SynonymGroup>> ListAsync(CancellationToken ct) =>
        db.Set<SynonymGroup>().AsNoTracking().Where(g => g.RemovedAt == null).OrderBy(g => g.Terms).ToListAsync(ct);

    public Task<SynonymGroup?> FindAsync(int id, CancellationToken ct) =>
        db.Set<SynonymGroup>().SingleOrDefaultAsync(g => g.Id == id && g.RemovedAt == null, ct);

    /// <summary>The typed terms as stored ("a ; b ; c"), or the French reason they were refused.</summary>
    public async Task<(string? Terms, string? Refusal)> CheckAsync(string? typed, int? id, CancellationToken ct)
    {
        var terms = (typed ?? "").Split([';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.CurrentCultureIgnoreCase).ToList();
        if (terms.Count < 2) return (null, "Donnez au moins deux termes, séparés par un point-virgule : tonnelle ; barnum.");
        if (terms.FirstOrDefault(t => t.Length > MaxTermLength) is { } tooLong)
            return (null, $"« {tooLong[..30]}… » est trop long : un terme fait au plus {MaxTermLength} caractères.");
        if (terms.FirstOrDefault(t => SearchAnalyzer.AnalyzeDocument(t).Length == 0) is { } empty)
            return (null, $"« {empty} » ne contient aucun mot que la recherche retient.");
        var joined = string.Join(" ; ", terms);
        if (joined.Length > MaxTermsLength) return (null, $"Le groupe fait au plus {MaxTermsLength} caractères : partagez-le en deux.");
        if (await db.Set<SynonymGroup>().AnyAsync(g => g.Terms == joined && g.Id != id && g.RemovedAt == null, ct))
            return (null, "Ce groupe de synonymes existe déjà.");
        return (joined, null);
    }

    /// <summary>Adds a group of checked terms (a removed identical one comes back).</summary>
    public async Task<SynonymGroup> AddAsync(string terms, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var group = await db.Set<SynonymGroup>().SingleOrDefaultAsync(g => g.Terms == terms, ct);
        if (group is null) db.Set<SynonymGroup>().Add(group = new SynonymGroup { Terms = terms, UpdatedAt = now });
        else (group.RemovedAt, group.UpdatedAt) = (null, now);
        return group;
    }

    /// <summary>Gives the group checked terms; a removed group with the same terms gives way (its terms live on in this one).</summary>
    public async Task UpdateAsync(SynonymGroup group, string terms, CancellationToken ct)
    {
        await db.Set<SynonymGroup>().Where(g => g.Terms == terms && g.Id != group.Id && g.RemovedAt != null).ExecuteDeleteAsync(ct);
        (group.Terms, group.UpdatedAt) = (terms, clock.GetUtcNow().UtcDateTime);
    }

    public void Remove(SynonymGroup group)
    {
        if (group.SeedTerms is null) db.Set<SynonymGroup>().Remove(group);
        else group.RemovedAt = group.UpdatedAt = clock.GetUtcNow().UtcDateTime;
    }

    /// <summary>Saves the unit of work; the next search on this node uses the new groups, on other nodes within <see cref="ThesaurusCache.Lifetime"/>.</summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
    }
}
