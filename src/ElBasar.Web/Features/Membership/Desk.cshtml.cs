using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Membership.Import;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Membership;

/// <summary>The facilitators' list of memberships: who is up to date, who owes, who has not renewed.</summary>
[Authorize(Policy = AccountPolicies.Staff)]
public sealed class DeskModel(ElBasarDbContext db, Memberships memberships) : PageModel
{
    public sealed record Line(Guid Id, string Name, OrganizationKind Kind, string? Commune, MembershipState State, int? Year, DateOnly? ValidUntil, string TierLabel, decimal Fee,
        string? Email, string? Siret);

    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public string? Name { get; private set; }
    public string? State { get; private set; }
    public int Total { get; private set; }

    public static readonly (string Value, string Label)[] States =
    [
        ("", "Toutes"), ("active", "À jour"), ("pending", "En attente de paiement"), ("expiring", "À renouveler (fin dans 30 jours)"),
        ("expired", "Anciens membres (non renouvelé)"), ("none", "Jamais adhérent"),
    ];

    public async Task OnGetAsync(string? nom, string? etat, CancellationToken ct)
    {
        (Name, State) = (nom?.Trim(), etat);
        var all = await LinesAsync(db, memberships, ct);
        Total = all.Count;
        var today = memberships.Today;
        Lines = all
            .Where(l => Name is not { Length: > 0 } || Matches(l, Name))
            .Where(l => State switch
            {
                "active" => l.State == MembershipState.Active,
                "pending" => l.State == MembershipState.Pending,
                "expiring" => l.State == MembershipState.Active && l.ValidUntil <= today.AddDays(30),
                "expired" => l.State == MembershipState.Expired,
                "none" => l.State == MembershipState.None,
                _ => true,
            })
            .ToList();
    }

    /// <summary>The search box finds a name, a commune, an e-mail address or a SIRET (spaces ignored).</summary>
    static bool Matches(Line l, string text) =>
        l.Name.Contains(text, StringComparison.CurrentCultureIgnoreCase)
        || (l.Commune?.Contains(text, StringComparison.CurrentCultureIgnoreCase) ?? false)
        || (l.Email?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
        || (l.Siret is not null && text.Replace(" ", "") is { Length: >= 3 } digits && l.Siret.Contains(digits, StringComparison.Ordinal));

    /// <summary>Every organisation with its membership today, by name in French order (also the CSV export's rows).</summary>
    public static async Task<List<Line>> LinesAsync(ElBasarDbContext db, Memberships memberships, CancellationToken ct)
    {
        var today = memberships.Today;
        var tiers = await memberships.TiersAsync(ct);
        var organizations = await db.Organizations.AsNoTracking().Where(o => o.Status == OrganizationStatus.Active)
            .Select(o => new { o.Id, o.Name, o.Kind, o.Commune, o.Employees, o.Email }).ToListAsync(ct);
        var sirets = await db.MemberDetails.AsNoTracking().Where(d => d.Siret != null).ToDictionaryAsync(d => d.OrganizationId, d => d.Siret, ct);
        var rows = (await db.Memberships.AsNoTracking().ToListAsync(ct)).ToLookup(m => m.OrganizationId);
        var french = StringComparer.Create(Infrastructure.Web.WebModule.French, ignoreCase: true);
        return organizations.Select(o =>
        {
            var tier = MembershipFees.TierFor(o.Kind, o.Employees, tiers);
            var history = rows[o.Id].OrderByDescending(m => m.Year).ToList();
            var current = history.FirstOrDefault(m => m.Status == MembershipStatus.Active && m.ValidUntil >= today && m.Year <= today.Year);
            var pending = history.FirstOrDefault(m => m.Status == MembershipStatus.Pending && m.ValidUntil >= today);
            var past = history.FirstOrDefault(m => m.Status == MembershipStatus.Active && m.ValidUntil < today);
            var (state, shown) = current is not null ? (MembershipState.Active, current)
                : pending is not null ? (MembershipState.Pending, pending)
                : past is not null ? (MembershipState.Expired, past)
                : (MembershipState.None, null);
            return new Line(o.Id, o.Name, o.Kind, o.Commune, state, shown?.Year, shown?.ValidUntil,
                tiers.FirstOrDefault(t => t.Slug == shown?.Tier)?.Label ?? tier.Label, shown?.FeeEur ?? tier.FeeEur,
                o.Email, sirets.GetValueOrDefault(o.Id));
        }).OrderBy(l => l.Name, french).ToList();
    }
}
