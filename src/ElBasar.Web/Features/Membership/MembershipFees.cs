using ElBasar.Web.Features.Directory;

namespace ElBasar.Web.Features.Membership;

/// <summary>The fee scale: which tier an organisation falls in, and what it is asked.</summary>
public static class MembershipFees
{
    /// <summary>Individuals pay the individual tier; structures by their headcount (unknown counts as none).</summary>
    public static TierRule RuleFor(OrganizationKind kind, int? employees) =>
        kind == OrganizationKind.Individual ? TierRule.Individual
        : employees is > 0 ? TierRule.Employees
        : TierRule.NoEmployees;

    public static MembershipTier TierFor(OrganizationKind kind, int? employees, IEnumerable<MembershipTier> tiers)
    {
        var rule = RuleFor(kind, employees);
        return tiers.FirstOrDefault(t => t.AppliesTo == rule)
            ?? throw new InvalidOperationException($"The fee scale has no tier for {rule}.");
    }

    /// <summary>The fee asked: the tier's, unless a facilitator set a solidarity amount (never negative, at most the tier's).</summary>
    public static (decimal Fee, bool Solidarity) FeeOf(MembershipTier tier, decimal? solidarityAmount) =>
        solidarityAmount is { } amount && amount != tier.FeeEur ? (amount, true) : (tier.FeeEur, false);

    /// <summary>A membership counts until the end of its calendar year.</summary>
    public static DateOnly EndOfYear(int year) => new(year, 12, 31);
}
