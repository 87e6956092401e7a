using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Accounts;

/// <summary>
/// Makes, finds and revokes personal access tokens. A token reads <c>elb_</c> and 43 base64url
/// characters (32 random bytes): the prefix lets secret scanners and people recognise it.
/// </summary>
public sealed class PersonalAccessTokens(ElBasarDbContext db, TimeProvider clock)
{
    public const string Prefix = "elb_";
    const int SecretBytes = 32;
    static readonly SearchValues<char> Base64Url = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>Last use is written at most this often per token, so reading the API does not mean writing each time.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(5);

    /// <summary>Adds a token for the account to the DbContext, without saving; returns the token, which is never stored.</summary>
    public string Create(Guid userId, string name)
    {
        var token = Prefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(SecretBytes));
        db.PersonalAccessTokens.Add(new PersonalAccessToken
        {
            UserId = userId,
            Name = name.Trim(),
            TokenHash = Hash(token),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        return token;
    }

    /// <summary>The lower-case hex SHA-256 of the whole token: a random 256-bit secret needs no salt nor slow hash.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>True for text shaped like one of our tokens (checked before any database look-up).</summary>
    public static bool LooksValid(string token) =>
        token.StartsWith(Prefix, StringComparison.Ordinal) && token.Length == Prefix.Length + 43
        && !token.AsSpan(Prefix.Length).ContainsAnyExcept(Base64Url);

    public Task<List<PersonalAccessToken>> ListAsync(Guid userId, CancellationToken ct) =>
        db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Name).ToListAsync(ct);

    /// <summary>Deletes one of the account's tokens; false when it has no such token.</summary>
    public async Task<bool> RevokeAsync(Guid userId, Guid tokenId, CancellationToken ct) =>
        await db.PersonalAccessTokens.Where(t => t.Id == tokenId && t.UserId == userId).ExecuteDeleteAsync(ct) > 0;

    /// <summary>The token's row, or null; records its use when the last record is older than <see cref="LastUseResolution"/>.</summary>
    public async Task<PersonalAccessToken?> UseAsync(string token, CancellationToken ct)
    {
        if (!LooksValid(token)) return null;
        var hash = Hash(token);
        var found = await db.PersonalAccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (found is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (found.LastUsedAt is not { } last || now - last >= LastUseResolution)
        {
            var before = now - LastUseResolution;
            // The condition is repeated in the statement so that concurrent requests write once.
            await db.PersonalAccessTokens
                .Where(t => t.Id == found.Id && (t.LastUsedAt == null || t.LastUsedAt <= before))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
            found.LastUsedAt = now;
        }
        return found;
    }
}
