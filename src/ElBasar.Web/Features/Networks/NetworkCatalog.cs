using System.Text.RegularExpressions;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Networks;

/// <summary>A network as the admins' form gives it, before any check: a refused form shows what was typed.</summary>
public sealed class NetworkFields
{
    public string? Name { get; set; }
    public string? Slug { get; set; }
    public string? PrimaryColour { get; set; }
    public string? AccentColour { get; set; }
    public string? Charter { get; set; }
    public string? MembershipRules { get; set; }
    public string? HostName { get; set; }
    public string? WidestVisibility { get; set; } = "everyone";

    public static NetworkFields From(Network n) => new()
    {
        Name = n.Name, Slug = n.Slug, PrimaryColour = n.PrimaryColour, AccentColour = n.AccentColour, Charter = n.Charter,
        MembershipRules = n.MembershipRules, HostName = n.HostName, WidestVisibility = Infrastructure.Data.Slug.Of(n.WidestVisibility),
    };
}

/// <summary>The installation admins create and edit networks and name their facilitators; each change goes to the audit log.</summary>
public sealed partial class NetworkCatalog(ElBasarDbContext db, AuditLog audit, NetworkHosts hosts, TimeProvider clock)
{
    public const int MaxTextLength = 20000;
    public const string Created = "network.created";
    public const string Updated = "network.updated";
    public const string FacilitatorAdded = "network.facilitator-added";
    public const string FacilitatorRemoved = "network.facilitator-removed";
    const string Subject = "network";

    // Paths of the site a slug must not shadow under /reseaux/.
    static readonly string[] Reserved = ["nouveau", "admin", "api"];

    public Task<List<Network>> AllAsync(CancellationToken ct) =>
        db.Networks.AsNoTracking().OrderByDescending(n => n.IsHome).ThenBy(n => n.Name).ToListAsync(ct);

    public async Task<(Network? Network, Dictionary<string, string> Errors)> CreateAsync(NetworkFields fields, CancellationToken ct)
    {
        var network = new Network { Name = "", Slug = "", CreatedAt = clock.GetUtcNow().UtcDateTime };
        var errors = await ApplyAsync(fields, network, ct);
        if (errors.Count > 0) return (null, errors);
        db.Networks.Add(network);
        await audit.AddAsync(Created, Subject, network.Id.ToString(), $"Réseau créé : « {network.Name} ».", null, ct);
        await db.SaveChangesAsync(ct);
        hosts.Forget();
        return (network, errors);
    }

    public async Task<Dictionary<string, string>?> UpdateAsync(Guid id, NetworkFields fields, CancellationToken ct)
    {
        if (await db.Networks.FirstOrDefaultAsync(n => n.Id == id, ct) is not { } network) return null;
        var errors = await ApplyAsync(fields, network, ct);
        if (errors.Count > 0) return errors;
        await audit.AddAsync(Updated, Subject, network.Id.ToString(), $"Réseau modifié : « {network.Name} ».", null, ct);
        await db.SaveChangesAsync(ct);
        hosts.Forget();
        return errors;
    }

    public sealed record FacilitatorRow(Guid UserId, string Name, string Email);

    public Task<List<FacilitatorRow>> FacilitatorsAsync(Guid networkId, CancellationToken ct) =>
        (from f in db.NetworkFacilitators
         join u in db.Set<User>() on f.UserId equals u.Id
         where f.NetworkId == networkId
         orderby u.DisplayName
         select new FacilitatorRow(u.Id, u.DisplayName, u.Email!)).ToListAsync(ct);

    /// <summary>Names the account with that e-mail; the French problem when there is none.</summary>
    public async Task<string?> AddFacilitatorAsync(Guid networkId, string? email, CancellationToken ct)
    {
        var normalized = email?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(normalized)) return "Indiquez l'adresse e-mail du compte à nommer.";
        var user = await db.Set<User>().Where(u => u.NormalizedEmail == normalized).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        if (user is null) return $"Aucun compte n'a l'adresse « {email!.Trim()} » : la personne doit d'abord créer son compte.";
        if (await db.NetworkFacilitators.AnyAsync(f => f.NetworkId == networkId && f.UserId == user.Id, ct)) return null;
        db.NetworkFacilitators.Add(new NetworkFacilitator { NetworkId = networkId, UserId = user.Id, Since = clock.GetUtcNow().UtcDateTime });
        await audit.AddAsync(FacilitatorAdded, Subject, networkId.ToString(), $"{user.DisplayName} anime désormais le réseau.", null, ct);
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task RemoveFacilitatorAsync(Guid networkId, Guid userId, CancellationToken ct)
    {
        var removed = await db.NetworkFacilitators.Where(f => f.NetworkId == networkId && f.UserId == userId).ExecuteDeleteAsync(ct);
        if (removed > 0) await audit.RecordAsync(FacilitatorRemoved, Subject, networkId.ToString(), "Une personne n'anime plus le réseau.", new { userId }, ct);
    }

    async Task<Dictionary<string, string>> ApplyAsync(NetworkFields f, Network network, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var name = f.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200) errors["name"] = "Donnez le nom du réseau (200 caractères au plus).";
        var slug = network.IsHome ? network.Slug : f.Slug?.Trim().ToLowerInvariant() ?? "";
        if (!network.IsHome)
        {
            if (!SlugPattern().IsMatch(slug) || Reserved.Contains(slug))
                errors["slug"] = "L'adresse courte s'écrit en minuscules sans accent, chiffres et tirets (2 à 60 caractères), par exemple « reseau-lensois ».";
            else if (await db.Networks.AnyAsync(n => n.Slug == slug && n.Id != network.Id, ct))
                errors["slug"] = $"Un autre réseau a déjà l'adresse « {slug} ».";
        }
        var primary = Colour(f.PrimaryColour, "primary-colour", "principale", errors);
        var accent = Colour(f.AccentColour, "accent-colour", "d'accent", errors);
        var charter = Text(f.Charter, "charter", "La charte", errors);
        var rules = Text(f.MembershipRules, "membership-rules", "Les règles d'adhésion et cotisations", errors);
        var host = string.IsNullOrWhiteSpace(f.HostName) ? null : f.HostName.Trim().ToLowerInvariant();
        if (host is not null)
        {
            if (network.IsHome) errors["host-name"] = "Le réseau principal répond déjà à l'adresse du site : il n'a pas de nom d'hôte à lui.";
            else if (host.Length > 253 || !HostPattern().IsMatch(host))
                errors["host-name"] = $"« {f.HostName!.Trim()} » n'est pas un nom d'hôte, par exemple « lens.elbasar.fr ».";
            else if (await db.Networks.AnyAsync(n => n.HostName == host && n.Id != network.Id, ct))
                errors["host-name"] = $"Un autre réseau répond déjà à « {host} ».";
        }
        if (!Slug.TryParse<ListingVisibility>(f.WidestVisibility, out var widest))
            errors["widest-visibility"] = "Choisissez jusqu'où les annonces du réseau peuvent être vues.";
        if (errors.Count > 0) return errors;
        (network.Name, network.Slug, network.PrimaryColour, network.AccentColour) = (name, slug, primary, accent);
        (network.Charter, network.MembershipRules, network.HostName, network.WidestVisibility) = (charter, rules, host, widest);
        return errors;
    }

    static string? Colour(string? value, string key, string which, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var colour = value.Trim().ToLowerInvariant();
        if (ColourPattern().IsMatch(colour))
        {
            if (Administration.Settings.Colours.ContrastWithWhite(colour) >= Administration.Settings.Colours.MinimumContrast) return colour;
            errors[key] = $"La couleur {which} {colour} est trop claire : le texte blanc posé dessus doit rester lisible (contraste de 4,5 au moins). Choisissez une couleur plus foncée.";
            return null;
        }
        errors[key] = $"La couleur {which} s'écrit « #» suivi de six chiffres hexadécimaux, par exemple « #1d6b48 ».";
        return null;
    }

    static string? Text(string? value, string key, string what, Dictionary<string, string> errors)
    {
        var text = value?.Replace("\r\n", "\n").Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (text.Length > MaxTextLength) errors[key] = $"{what} doit faire au plus 20 000 caractères ({text.Length} saisis).";
        return text;
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^#[0-9a-f]{6}$")]
    private static partial Regex ColourPattern();

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$")]
    private static partial Regex HostPattern();
}
