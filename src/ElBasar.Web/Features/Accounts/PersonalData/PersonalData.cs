using System.Text.Json;
using System.Text.Json.Serialization;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Accounts.PersonalData;

/// <summary>
/// One feature's share of what elBasar holds about a person. Each feature that stores something
/// about people registers one, so the export and the deletion of an account never miss a table
/// and no feature reaches into another's.
/// </summary>
public interface IPersonalDataSource
{
    /// <summary>The key of this share in the export ("compte", "structures"…).</summary>
    string Section { get; }

    /// <summary>What this feature holds about the person, ready to be written as JSON.</summary>
    Task<object> ExportAsync(Guid userId, CancellationToken ct);

    /// <summary>What deleting the account would leave behind that the person should know first, in French.</summary>
    Task<IReadOnlyList<string>> WarningsAsync(Guid userId, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>
    /// Called in the deletion's transaction, before the account row goes: removes or detaches
    /// what must not outlive it (what the database's own cascades do not already do).
    /// </summary>
    Task ForgetAsync(Guid userId, CancellationToken ct);
}

/// <summary>"Mes données": everything elBasar holds about a person, as JSON, and the deletion of their account.</summary>
public sealed class PersonalDataService(
    IEnumerable<IPersonalDataSource> sources, ElBasarDbContext db, UserManager<User> users, TimeProvider clock)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task<byte[]> ExportAsync(Guid userId, CancellationToken ct)
    {
        var export = new Dictionary<string, object>
        {
            ["exportéLe"] = clock.GetUtcNow().UtcDateTime,
            ["aPropos"] = "Toutes les données qu'elBasar garde sur vous. Les annonces et les profils de vos structures appartiennent aux structures : ils restent après la suppression de votre compte.",
        };
        foreach (var source in sources) export[source.Section] = await source.ExportAsync(userId, ct);
        return JsonSerializer.SerializeToUtf8Bytes(export, Json);
    }

    public async Task<IReadOnlyList<string>> WarningsAsync(Guid userId, CancellationToken ct)
    {
        var warnings = new List<string>();
        foreach (var source in sources) warnings.AddRange(await source.WarningsAsync(userId, ct));
        return warnings;
    }

    /// <summary>Deletes the account and what belongs to the person alone, in one transaction.</summary>
    public async Task<IdentityResult> DeleteAsync(User user, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var source in sources) await source.ForgetAsync(user.Id, ct);
            var deleted = await users.DeleteAsync(user);
            if (!deleted.Succeeded) return deleted;
            await transaction.CommitAsync(ct);
            return deleted;
        });
    }
}
