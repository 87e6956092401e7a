using System.ComponentModel.DataAnnotations;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory.People;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Moderation;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Directory;

public sealed class ProfileModel(
    ElBasarDbContext db, HomeNetwork network, OrganizationAccess access, Territories territories, TimeProvider clock, ModerationNotices moderation,
    Membership.Memberships memberships, Networks.NetworkAudiences audiences) : PageModel
{
    /// <summary>For the staff only, who also see hidden organisations: why this one is hidden.</summary>
    public ModerationNotice? Hidden { get; private set; }

    public OrganizationDetails Organization { get; private set; } = null!;

    /// <summary>The profile as a visitor sees it, for search engines (Features/OpenData); null when it is hidden or a person's own.</summary>
    public OrganizationDetails? PublicProfile { get; private set; }
    public string? Departement { get; private set; }
    public string? Epci { get; private set; }
    public Logo.LogoInfo? Logo { get; private set; }
    public IReadOnlyList<ListingSummary> Listings { get; private set; } = [];

    /// <summary>Live listings shown per page: a busy organisation has thousands of them.</summary>
    public const int ListingsPageSize = 24;

    /// <summary>How many live listings the organisation has, on every page.</summary>
    public int ListingCount { get; private set; }

    /// <summary>The page of listings shown (<c>?page=</c>), from 1.</summary>
    public int ListingsPage { get; private set; } = 1;

    public int ListingsPageCount => Math.Max(1, (ListingCount + ListingsPageSize - 1) / ListingsPageSize);

    public string ListingsPageUrl(int page) => page <= 1 ? $"/structures/{Organization.Id}#annonces" : $"/structures/{Organization.Id}?page={page}#annonces";

    /// <summary>The reader's role here, when they belong to the organisation.</summary>
    public OrganizationRole? MyRole { get; private set; }

    /// <summary>Not a member any more: its last paid year is over.</summary>
    public bool FormerMember { get; private set; }
    public bool JoinPending { get; private set; }

    [BindProperty]
    [StringLength(JoinRequest.MaxMessageLength, ErrorMessage = "Le message doit faire au plus 1 000 caractères.")]
    [Display(Name = "Un mot pour les responsables (facultatif)")]
    public string? JoinMessage { get; set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        ListingsPage = Math.Max(1, page ?? 1);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    /// <summary>"Demander à rejoindre": a signed-in person who does not belong to the organisation asks its owners.</summary>
    public async Task<IActionResult> OnPostJoinAsync(Guid id, [FromServices] UserManager<User> users, [FromServices] OrganizationPeople people, CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user)
            return Redirect($"{AccountsModule.SignInPath}?ReturnUrl={Uri.EscapeDataString($"/structures/{id}")}");
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ModelState.IsValid)
        {
            Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
            return Page();
        }
        await people.RequestToJoinAsync(id, user, JoinMessage, Url.PageLink("/Directory/People/Members", values: new { id })!, ct);
        return Redirect($"/structures/{id}");
    }

    async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var staff = AccountPolicies.IsStaff(User);
        var seesAll = await access.SeesMembersOnlyContactsAsync(User, id, ct);
        if (await OrganizationDetails.FindAsync(db, await network.IdAsync(ct), id, seesAll, ct, includeHidden: staff) is not { } organization) return false;
        Organization = organization;
        PublicProfile = organization.Kind != "organization" ? null
            : staff || seesAll ? await OrganizationDetails.FindAsync(db, await network.IdAsync(ct), id, false, ct) : organization;
        FormerMember = !organization.Member && await memberships.FormerMemberAsync(id, ct);
        Logo = await Directory.Logo.OrganizationLogos.FindAsync(db, id, ct);
        if (staff) Hidden = await moderation.FindAsync(ModerationSubjectKind.Organization, id, ct);
        if (organization.CommuneInsee is { } code && territories.FindCommune(code) is { } commune)
        {
            Departement = territories.FindDepartement(commune.DepartementCode)?.Name;
            Epci = commune.EpciCode is { } epci ? territories.FindEpci(epci)?.Name : null;
        }
        if (OrganizationAccess.UserIdOf(User) is { } userId)
        {
            MyRole = await access.RoleAsync(userId, id, ct);
            JoinPending = MyRole is null && await db.JoinRequests.AnyAsync(r => r.OrganizationId == id && r.UserId == userId && r.Status == JoinRequestStatus.Pending, ct);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var audience = await audiences.AnywhereAsync(User, ct);
        var live = audience.Filter(db.Listings.AsNoTracking())
            .Where(l => l.OrganizationId == id && l.Status == ListingStatus.Published && (l.ExpiresAt == null || l.ExpiresAt > now));
        ListingCount = await live.CountAsync(ct);
        ListingsPage = Math.Min(ListingsPage, ListingsPageCount);
        Listings = await ListingSummaries.Project(live
                .OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Id)
                .Skip((ListingsPage - 1) * ListingsPageSize).Take(ListingsPageSize))
            .ToListAsync(ct);
        return true;
    }
}
