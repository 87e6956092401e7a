using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Federation;

/// <summary>The partner installations this site follows: added and removed by admins, read by <see cref="FederationJob"/>.</summary>
public sealed class Partners(ElBasarDbContext db, TimeProvider clock)
{
    public sealed record Row(PartnerInstallation Partner, int Listings);

    public async Task<List<Row>> ListAsync(CancellationToken ct)
    {
        var partners = await db.PartnerInstallations.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
        var counts = await db.RemoteListings.GroupBy(r => r.PartnerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return partners.Select(p => new Row(p, counts.GetValueOrDefault(p.Id))).ToList();
    }

    /// <summary>Checks what an admin typed; errors by field, in French.</summary>
    public async Task<Dictionary<string, string>> CheckAsync(string? name, string? baseUrl, string? apiKey, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
            errors["partner-name"] = "Donnez le nom du réseau partenaire (200 caractères au plus) : il s'affiche sur ses annonces.";
        var normalized = FeedSubscription.NormalizeBaseUrl(baseUrl);
        if (normalized is null || normalized.Length > 500)
            errors["partner-url"] = "Donnez l'adresse du site partenaire, commençant par https:// (par exemple https://ess-picardie.example.org).";
        else if (await db.PartnerInstallations.AnyAsync(p => p.BaseUrl == normalized, ct))
            errors["partner-url"] = "Ce site partenaire est déjà suivi.";
        if (apiKey is { Length: > 200 })
            errors["partner-key"] = "Cette clé est trop longue : collez la clé que le partenaire vous a donnée, sans rien d'autre.";
        return errors;
    }

    /// <summary>Adds a partner, read at the next pass of the job.</summary>
    public async Task<PartnerInstallation> AddAsync(string name, string baseUrl, string? apiKey, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var partner = new PartnerInstallation
        {
            Name = name.Trim(),
            BaseUrl = FeedSubscription.NormalizeBaseUrl(baseUrl) ?? throw new ArgumentException("Not an http(s) address.", nameof(baseUrl)),
            ApiKey = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim(),
            CreatedAt = now,
            NextSyncAt = now,
        };
        db.PartnerInstallations.Add(partner);
        await db.SaveChangesAsync(ct);
        return partner;
    }

    /// <summary>Stops following a partner: its listings leave the site with it.</summary>
    public async Task<PartnerInstallation?> RemoveAsync(Guid id, CancellationToken ct)
    {
        if (await db.PartnerInstallations.FindAsync([id], ct) is not { } partner) return null;
        db.PartnerInstallations.Remove(partner);
        await db.SaveChangesAsync(ct);
        return partner;
    }

    /// <summary>Makes a partner due now: the job reads it at its next pass.</summary>
    public async Task<bool> SyncSoonAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.PartnerInstallations.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.NextSyncAt, now), ct) == 1;
    }
}
