using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Membership;

namespace ElBasar.Tests.Features.Membership;

public sealed class MembershipFeesTests
{
    static readonly MembershipTier[] Scale =
    [
        new() { Slug = "individuel", Label = "Adhésion individuelle", AppliesTo = TierRule.Individual, FeeEur = 20 },
        new() { Slug = "structure", Label = "Structure sans salarié", AppliesTo = TierRule.NoEmployees, FeeEur = 40 },
        new() { Slug = "structure-employeuse", Label = "Structure avec salariés", AppliesTo = TierRule.Employees, FeeEur = 100 },
    ];

    [Theory]
    [InlineData(OrganizationKind.Individual, null, "individuel", 20)]
    [InlineData(OrganizationKind.Individual, 3, "individuel", 20)]
    [InlineData(OrganizationKind.Organization, null, "structure", 40)]
    [InlineData(OrganizationKind.Organization, 0, "structure", 40)]
    [InlineData(OrganizationKind.Organization, 1, "structure-employeuse", 100)]
    [InlineData(OrganizationKind.Organization, 250, "structure-employeuse", 100)]
    public void Each_kind_and_headcount_falls_in_its_tier(OrganizationKind kind, int? employees, string tier, decimal fee)
    {
        var found = MembershipFees.TierFor(kind, employees, Scale);
        Assert.Equal(tier, found.Slug);
        Assert.Equal(fee, MembershipFees.FeeOf(found, null).Fee);
    }

    [Fact]
    public void A_solidarity_amount_replaces_the_tier_s_fee_and_says_so()
    {
        var employer = Scale[2];
        Assert.Equal((100m, false), MembershipFees.FeeOf(employer, null));
        Assert.Equal((100m, false), MembershipFees.FeeOf(employer, 100m));
        Assert.Equal((35m, true), MembershipFees.FeeOf(employer, 35m));
        Assert.Equal((0m, true), MembershipFees.FeeOf(employer, 0m));
    }

    [Fact]
    public void A_membership_runs_to_the_end_of_its_calendar_year() =>
        Assert.Equal(new DateOnly(2027, 12, 31), MembershipFees.EndOfYear(2027));
}
