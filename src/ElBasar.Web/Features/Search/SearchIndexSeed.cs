using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Search;

/// <summary>
/// Listings indexed by an older version of the analyser are analysed again at start, in
/// batches, so a change of stemming or stop words reaches every listing without a migration.
/// </summary>
sealed class SearchIndexSeed(ElBasarDbContext db, SearchVocabularyCache vocabulary, ILogger<SearchIndexSeed> logger) : IStartupSeed
{
    const int BatchSize = 2000;

    public int Order => 40;

    public async Task RunAsync(CancellationToken ct)
    {
        var done = 0;
        while (true)
        {
            var batch = await db.Listings.Where(l => l.SearchVersion < SearchAnalyzer.Version).OrderBy(l => l.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0) break;
            // The interceptor writes the search columns of every modified listing.
            foreach (var listing in batch) db.Entry(listing).Property(l => l.SearchVersion).IsModified = true;
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            done += batch.Count;
        }
        if (done > 0)
        {
            vocabulary.Invalidate();
            logger.LogInformation("Search index refreshed for {Count} listings (analyser version {Version})", done, SearchAnalyzer.Version);
        }
    }
}
