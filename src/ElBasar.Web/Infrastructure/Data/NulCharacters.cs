using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ElBasar.Web.Infrastructure.Data;

/// <summary>
/// PostgreSQL refuses the NUL character in text (a 500 for a title pasted with one); no one means it.
/// Every text about to be saved loses its NULs, on both databases, so that they behave alike.
/// </summary>
public sealed class NulCharacters : SaveChangesInterceptor
{
    public static readonly NulCharacters Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Strip(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Strip(eventData.Context);
        return ValueTask.FromResult(result);
    }

    static void Strip(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is string text && text.Contains('\0')) property.CurrentValue = Strip(text);
            }
        }
    }

    /// <summary>The text without its NUL characters, for rows written without EF (the import).</summary>
    public static string? Strip(string? text) => text is not null && text.Contains('\0') ? text.Replace("\0", "") : text;
}
