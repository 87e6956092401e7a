using ElBasar.Web.Features.Listings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ElBasar.Web.Features.Search;

/// <summary>
/// Keeps a listing's search columns in step with its text on every save. The full-text index
/// reads those columns (triggers on SQLite, a generated column on PostgreSQL), so the index
/// changes in the same transaction as the data and never drifts.
/// </summary>
public sealed class SearchTextInterceptor : SaveChangesInterceptor
{
    public static readonly SearchTextInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Refresh(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Refresh(eventData.Context);
        return ValueTask.FromResult(result);
    }

    static void Refresh(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries<Listing>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            var listing = entry.Entity;
            listing.SearchTitle = SearchAnalyzer.AnalyzeDocument(listing.Title);
            listing.SearchBody = SearchAnalyzer.AnalyzeDocument(listing.Description);
            listing.SearchVersion = SearchAnalyzer.Version;
        }
    }
}
