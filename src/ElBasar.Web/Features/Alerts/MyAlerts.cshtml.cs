using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Networks;
using ElBasar.Web.Features.Search;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Alerts;

/// <summary>"Mes alertes": each saved search with its name, frequency and pause, changed in place, or deleted.</summary>
[Authorize]
public sealed class MyAlertsModel(SavedSearches searches, AlertDescriptions descriptions, AlertLinks links, NetworkAudiences audiences) : PageModel
{
    public sealed record Row(SavedSearch Search, IReadOnlyList<string> Description, string SearchUrl, string FeedUrl, NetworkRef Network);

    /// <summary>What one alert's form was sent with, kept when it fails.</summary>
    public sealed record Typed(Guid Id, string? Name, string? Frequency, bool Paused, IReadOnlyDictionary<string, string[]> Errors);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Typed? Failed { get; private set; }
    public string? DoneMessage { get; private set; }

    /// <summary>Each alert names its network when the person belongs to several, or has alerts in several.</summary>
    public bool ShowNetworks { get; private set; }

    Guid Me => OrganizationAccess.UserIdOf(User)!.Value;

    public async Task OnGetAsync(Guid? creee, string? fait, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (creee is { } id && Rows.FirstOrDefault(r => r.Search.Id == id) is { } created)
            DoneMessage = $"L'alerte « {created.Search.Name} » est créée.";
        else if (fait == "modifiee") DoneMessage = "L'alerte est enregistrée.";
        else if (fait == "supprimee") DoneMessage = "L'alerte est supprimée.";
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid id, string? name, string? frequency, bool paused, CancellationToken ct)
    {
        var errors = await searches.UpdateAsync(Me, id, name, frequency, paused, ct);
        if (errors is null) return NotFound();
        if (errors.Count == 0) return Redirect("/espace/alertes?fait=modifiee");
        Failed = new Typed(id, name, frequency, paused, errors);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct) =>
        await searches.DeleteAsync(Me, id, ct) ? Redirect("/espace/alertes?fait=supprimee") : NotFound();

    async Task LoadAsync(CancellationToken ct)
    {
        var saved = await searches.ListAsync(Me, ct);
        var networks = await searches.NetworksOfAsync(saved, ct);
        Rows = saved.Select(s =>
        {
            var query = searches.QueryOf(s);
            return new Row(s, descriptions.Describe(query), SearchLinks.For(query), links.Feed(s), networks[s.NetworkId]);
        }).ToList();
        ShowNetworks = networks.Count > 1 || (await audiences.MemberNetworksAsync(User, ct)).Count > 1;
    }
}
