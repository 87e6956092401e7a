using System.Security.Claims;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Networks;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>
/// Whose exchanges the figures and exports count: the whole installation, or those where at least one party is a
/// member organisation of <see cref="Network"/> (and, with partners, of a network in a partnership in force with it).
/// Each exchange is one row filtered in or out, so it counts once however many of the networks its parties belong to.
/// </summary>
public sealed record ImpactScope(NetworkRef? Network, bool WithPartners, IReadOnlyList<NetworkRef> Partners)
{
    public const string NetworkKey = "reseau", PartnersKey = "partenaires", PartnersValue = "oui";

    public static readonly ImpactScope Installation = new(null, false, []);

    public bool Whole => Network is null;

    /// <summary>The networks whose members' exchanges count: the network, and its partners when asked.</summary>
    public IReadOnlyList<Guid> NetworkIds => Network is null ? [] : [Network.Id, .. Partners.Select(p => p.Id)];

    /// <summary>What the figures cover, in French, after « Chiffres »: « de toute l'installation », « du réseau … ».</summary>
    public string Label => Network is null ? "de toute l'installation"
        : !WithPartners ? $"du réseau {Network.Name}"
        : Partners.Count == 0 ? $"du réseau {Network.Name} (sans partenariat en cours)"
        : $"du réseau {Network.Name} et de ses partenaires ({string.Join(", ", Partners.Select(p => p.Name))})";

    /// <summary>The query string that chooses this scope again (<c>reseau=</c> alone is the whole installation).</summary>
    public string Query => Network is null ? $"{NetworkKey}=" : $"{NetworkKey}={Uri.EscapeDataString(Network.Slug)}" + (WithPartners ? $"&{PartnersKey}={PartnersValue}" : "");

    /// <summary>For a file name: <c>installation</c> or the network's slug (with <c>-partenaires</c>).</summary>
    public string FileTag => Network is null ? "installation" : Network.Slug + (WithPartners ? "-partenaires" : "");

    /// <summary>Only the exchanges of this scope (all of them for the whole installation).</summary>
    public IQueryable<Exchange> Filter(IQueryable<Exchange> exchanges, ElBasarDbContext db)
    {
        if (Network is null) return exchanges;
        var members = MemberOrganizations(db);
        return exchanges.Where(e => members.Contains(e.FromOrganizationId) || members.Contains(e.ToOrganizationId));
    }

    /// <summary>The organisations that are members of a network of the scope (of any network for the whole installation).</summary>
    public IQueryable<Guid> MemberOrganizations(ElBasarDbContext db)
    {
        var ids = NetworkIds.ToList();
        return db.NetworkMemberships.AsNoTracking()
            .Where(m => m.IsMember && (ids.Count == 0 || ids.Contains(m.NetworkId)))
            .Select(m => m.OrganizationId).Distinct();
    }
}

/// <summary>The scope a page shows, the networks its chooser offers (with the whole installation or not), and what was wrong in the query.</summary>
public sealed record ImpactChoice(ImpactScope Scope, IReadOnlyList<NetworkRef> Networks, bool OffersInstallation, IReadOnlyList<string> Problems);

/// <summary>
/// Reads the scope a page or an export asks for (<c>?reseau=slug&amp;partenaires=oui</c>) and says who may see its details:
/// the installation's admins any scope; a network's facilitators (<see cref="NetworkFacilitator"/>, and the site's
/// facilitators for the home network) the networks they run; the public figures of any network are for everyone.
/// </summary>
public sealed class ImpactScopes(ElBasarDbContext db, CurrentNetwork current, NetworkFacilitation facilitation, NetworkAudiences audiences)
{
    /// <summary>The public page: any network or the whole installation, for everyone.</summary>
    public async Task<ImpactChoice> ForPublicAsync(HttpContext http, CancellationToken ct)
    {
        var networks = await NetworksAsync(ct);
        var (asked, unknown) = await AskedAsync(http.Request, networks, ct);
        return new ImpactChoice(asked ?? await PublicDefaultAsync(http, networks, ct), networks, true,
            unknown ? ["Ce réseau n'existe pas : voici les chiffres par défaut."] : []);
    }

    /// <summary>The dashboard and the report: the scopes the person runs; null when they run no network.</summary>
    public async Task<ImpactChoice?> ForDetailsAsync(HttpContext http, CancellationToken ct)
    {
        var networks = await NetworksAsync(ct);
        var run = await RunByAsync(http.User, networks, ct);
        if (run.Count == 0) return null;
        var (asked, unknown) = await AskedAsync(http.Request, networks, ct);
        var problems = new List<string>();
        if (unknown) problems.Add("Ce réseau n'existe pas : voici les chiffres par défaut.");
        if (asked is not null && !MaySeeDetails(asked, run, networks))
        {
            if (asked.Network is { } network && run.Contains(network.Id))
            {
                problems.Add("Le détail avec les réseaux partenaires est réservé à qui les anime aussi : voici celui de votre réseau seul.");
                asked = new ImpactScope(network, false, []);
            }
            else
            {
                problems.Add("Vous n'animez pas ce réseau : voici les chiffres de ceux que vous animez. Ses chiffres publics sont sur la page « Impact ».");
                asked = null;
            }
        }
        return new ImpactChoice(asked ?? await DetailsDefaultAsync(http, run, networks, ct), networks.Where(n => run.Contains(n.Id)).ToList(),
            MaySeeDetails(ImpactScope.Installation, run, networks), problems);
    }

    /// <summary>The networks of the installation, the home one first, for the chooser.</summary>
    public Task<List<NetworkRef>> NetworksAsync(CancellationToken ct) =>
        db.Networks.AsNoTracking().OrderByDescending(n => n.IsHome).ThenBy(n => n.Name)
            .Select(n => new NetworkRef(n.Id, n.Slug, n.Name, n.IsHome)).ToListAsync(ct);

    /// <summary>
    /// The scope in the query string, or null with <paramref name="unknown"/> true when it names no network. Without
    /// <c>reseau</c>: null and false, so the caller picks the default.
    /// </summary>
    public async Task<(ImpactScope? Scope, bool Unknown)> AskedAsync(HttpRequest request, IReadOnlyList<NetworkRef> networks, CancellationToken ct)
    {
        if (!request.Query.TryGetValue(ImpactScope.NetworkKey, out var value)) return (null, false);
        var slug = value.ToString().Trim();
        if (slug.Length == 0) return (ImpactScope.Installation, false);
        if (networks.FirstOrDefault(n => n.Slug == slug) is not { } network) return (null, true);
        return (await OfAsync(network, request.Query[ImpactScope.PartnersKey] == ImpactScope.PartnersValue, ct), false);
    }

    /// <summary>One network, with the networks in a partnership in force with it when <paramref name="withPartners"/>.</summary>
    public async Task<ImpactScope> OfAsync(NetworkRef network, bool withPartners, CancellationToken ct)
    {
        if (!withPartners) return new ImpactScope(network, false, []);
        var partners = await audiences.PartnersOfAsync(network.Id, ct);
        return new ImpactScope(network, true, partners);
    }

    /// <summary>
    /// The public page's default: the whole installation when it has a single network (as before networks) or for an
    /// admin, else the network the request is in.
    /// </summary>
    public async Task<ImpactScope> PublicDefaultAsync(HttpContext http, IReadOnlyList<NetworkRef> networks, CancellationToken ct) =>
        networks.Count <= 1 || http.User.IsInRole(SiteRoles.Admin) ? ImpactScope.Installation : new ImpactScope(await current.ResolveAsync(http, ct), false, []);

    /// <summary>The networks the person runs: every one for an admin, the home one for the site's facilitators, and those they are named for.</summary>
    public async Task<HashSet<Guid>> RunByAsync(ClaimsPrincipal user, IReadOnlyList<NetworkRef> networks, CancellationToken ct)
    {
        var run = (await facilitation.RunByAsync(user, ct)).Select(n => n.Id).ToHashSet();
        if (user.IsInRole(SiteRoles.Facilitator) && networks.FirstOrDefault(n => n.IsHome) is { } home) run.Add(home.Id);
        return run;
    }

    /// <summary>Whether the person runs every network of the scope (every network of the installation for the whole of it).</summary>
    public static bool MaySeeDetails(ImpactScope scope, HashSet<Guid> run, IReadOnlyList<NetworkRef> networks) =>
        scope.Whole ? networks.All(n => run.Contains(n.Id)) : scope.NetworkIds.All(run.Contains);

    /// <summary>
    /// The details' default (dashboard, report, exports): the whole installation for whoever runs all its networks,
    /// else the network the request is in when the person runs it, else the first one they run.
    /// </summary>
    public async Task<ImpactScope> DetailsDefaultAsync(HttpContext http, HashSet<Guid> run, IReadOnlyList<NetworkRef> networks, CancellationToken ct)
    {
        if (MaySeeDetails(ImpactScope.Installation, run, networks)) return ImpactScope.Installation;
        var here = await current.ResolveAsync(http, ct);
        return new ImpactScope(run.Contains(here.Id) ? here : networks.First(n => run.Contains(n.Id)), false, []);
    }
}
