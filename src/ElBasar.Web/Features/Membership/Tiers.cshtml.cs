using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Membership;

/// <summary>The admins set the fee scale: each tier's name and yearly fee. Memberships already recorded keep their amount.</summary>
[Authorize(Roles = SiteRoles.Admin)]
public sealed class TiersModel(ElBasarDbContext db, Memberships memberships, AuditLog audit) : PageModel
{
    public const int MaxLabelLength = 100;

    public IReadOnlyList<MembershipTier> Tiers { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = [];
    public bool Saved { get; private set; }

    [BindProperty] public Dictionary<string, string?> Labels { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Fees { get; set; } = [];

    public async Task OnGetAsync(bool enregistre, CancellationToken ct)
    {
        Tiers = await memberships.TiersAsync(ct);
        Labels = Tiers.ToDictionary(t => t.Slug, t => (string?)t.Label);
        Fees = Tiers.ToDictionary(t => t.Slug, t => (string?)MembershipLabels.Amount(t.FeeEur).Replace('.', ','));
        Saved = enregistre;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var tiers = await db.MembershipTiers.OrderBy(t => t.AppliesTo).ToListAsync(ct);
        Tiers = tiers;
        var changes = new List<(MembershipTier Tier, string Label, decimal Fee)>();
        foreach (var tier in tiers)
        {
            var label = Labels.GetValueOrDefault(tier.Slug)?.Trim() ?? "";
            if (label.Length == 0) Errors[$"label-{tier.Slug}"] = "Donnez un nom à ce barème.";
            else if (label.Length > MaxLabelLength) Errors[$"label-{tier.Slug}"] = $"Le nom doit faire au plus {MaxLabelLength} caractères.";
            var typed = Fees.GetValueOrDefault(tier.Slug)?.Trim().Replace(" ", "").Replace('.', ',') ?? "";
            if (!decimal.TryParse(typed, System.Globalization.NumberStyles.Number, Infrastructure.Web.WebModule.French, out var fee)
                || fee < 0 || fee > Memberships.MaxFee || decimal.Round(fee, 2) != fee)
                Errors[$"fee-{tier.Slug}"] = "La cotisation doit être un nombre d'euros positif, avec au plus deux décimales (par exemple 40 ou 12,50).";
            else changes.Add((tier, label, fee));
        }
        if (Errors.Count > 0) return Page();
        foreach (var (tier, label, fee) in changes) (tier.Label, tier.FeeEur) = (label, fee);
        await audit.AddAsync(AuditActions.TiersUpdated, AuditSubjects.MembershipTiers, null,
            "Barème des cotisations : " + string.Join(", ", changes.Select(c => $"{c.Label} {MembershipLabels.Amount(c.Fee)} €")) + ".", null, ct);
        await db.SaveChangesAsync(ct);
        return Redirect("/admin/adhesions?enregistre=true");
    }

    public static string Rule(TierRule rule) => rule switch
    {
        TierRule.Individual => "Pour les personnes qui adhèrent à titre individuel.",
        TierRule.NoEmployees => "Pour les structures sans salarié (effectif du profil vide ou zéro).",
        _ => "Pour les structures qui emploient au moins une personne (effectif du profil).",
    };
}
