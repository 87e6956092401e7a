using System.Security.Cryptography;
using System.Text;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace ElBasar.Web.Features.Federation;

/// <summary>
/// The partner keys: made by an admin (shown once, kept as a SHA-256 hash, like personal access
/// tokens), withdrawn by deleting them, and checked on each feed request
/// (<c>Authorization: Bearer elbp_…</c>).
/// </summary>
public sealed class PartnerKeys(ElBasarDbContext db, TimeProvider clock)
{
    public const string Prefix = "elbp_";

    public enum Outcome { Anonymous, Partner, Unknown }

    public Task<List<PartnerKey>> ListAsync(CancellationToken ct) =>
        db.PartnerKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(ct);

    /// <summary>Makes a key for <paramref name="name"/>; returns the key itself, which is never shown again.</summary>
    public async Task<string> CreateAsync(string name, CancellationToken ct)
    {
        var key = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        db.PartnerKeys.Add(new PartnerKey { Name = name, KeyHash = Hash(key), CreatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        return key;
    }

    public async Task<PartnerKey?> RevokeAsync(Guid id, CancellationToken ct)
    {
        if (await db.PartnerKeys.FindAsync([id], ct) is not { } key) return null;
        db.PartnerKeys.Remove(key);
        await db.SaveChangesAsync(ct);
        return key;
    }

    /// <summary>No bearer: anonymous. A bearer that is a partner key: partner. Any other bearer: unknown.</summary>
    public async Task<Outcome> CheckAsync(HttpRequest request, CancellationToken ct)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Outcome.Anonymous;
        var hash = Hash(header["Bearer ".Length..].Trim());
        var found = await db.PartnerKeys.SingleOrDefaultAsync(k => k.KeyHash == hash, ct);
        if (found is null) return Outcome.Unknown;
        var now = clock.GetUtcNow().UtcDateTime;
        // Written at most once an hour: a partner polling every minute does not write every minute.
        if (found.LastUsedAt is not { } used || now - used > TimeSpan.FromHours(1))
        {
            found.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return Outcome.Partner;
    }

    static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
