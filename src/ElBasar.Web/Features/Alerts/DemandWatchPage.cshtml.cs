using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Alerts;

/// <summary>
/// "Tell us about demands that match what we offer", for an organisation's owners: on or off, how
/// often, and the demands found lately.
/// </summary>
[Authorize]
public sealed class DemandWatchPageModel(ElBasarDbContext db, OrganizationAccess access, DemandWatches watches) : PageModel
{
    public const string Off = "off";
    public const int RecentShown = 20;

    public string OrganizationName { get; private set; } = "";
    public string Choice { get; private set; } = Off;
    public IReadOnlyList<DemandWatches.Demand> Recent { get; private set; } = [];
    public string? DoneMessage { get; private set; }
    public string? Error { get; private set; }

    public static IEnumerable<(string Value, string Label)> Choices =>
        Enum.GetValues<AlertFrequency>().Select(f => (Slug.Of(f), AlertDescriptions.FrequencyLabel(f).Replace("une annonce paraît", "une demande paraît")))
            .Prepend((Off, "Non, merci"));

    public async Task<IActionResult> OnGetAsync(Guid id, string? fait, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        DoneMessage = fait switch
        {
            "active" => "C'est noté : les responsables de la structure recevront les demandes qui correspondent à vos offres.",
            "arrete" => "C'est noté : vous ne recevrez plus ces e-mails.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? frequency, CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(User) is not { } me || !await access.IsOwnerAsync(me, id, ct)) return NotFound();
        if (frequency == Off)
        {
            await watches.StopAsync(id, ct);
            return Redirect($"{DemandWatches.ManagePath(id)}?fait=arrete");
        }
        if (!Slug.TryParse<AlertFrequency>(frequency, out var parsed))
        {
            await LoadAsync(id, ct);
            Error = "Choisissez une des réponses proposées.";
            return Page();
        }
        await watches.SetAsync(id, parsed, ct);
        return Redirect($"{DemandWatches.ManagePath(id)}?fait=active");
    }

    async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(User) is not { } me || !await access.IsOwnerAsync(me, id, ct)) return false;
        OrganizationName = await db.Organizations.Where(o => o.Id == id).Select(o => o.Name).SingleAsync(ct);
        var watch = await watches.FindAsync(id, ct);
        Choice = watch is null ? Off : Slug.Of(watch.Frequency);
        Recent = await watches.RecentAsync(id, RecentShown, ct);
        return true;
    }
}
