using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.OpenData.Widgets;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.OpenData;

/// <summary>
/// <c>/donnees-ouvertes/integrer</c>: the code to paste on one's own site. Signed in, each of one's
/// organisations gets its ready-made code; a local authority types its territory's code for the map.
/// </summary>
public sealed class EmbedModel(OrganizationAccess access, TerritoryOffers offers, SiteLinks links) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "territoire")] public string? TerritoryCode { get; set; }

    public IReadOnlyList<UserOrganization> MyOrganizations { get; private set; } = [];
    public Territory? Territory { get; private set; }
    public string? TerritoryError { get; private set; }
    public string BaseUrl => links.BaseUrl;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(User) is { } userId) MyOrganizations = await access.OrganizationsOfAsync(userId, ct);
        if (!string.IsNullOrWhiteSpace(TerritoryCode))
        {
            Territory = offers.Find(TerritoryCode);
            if (Territory is null) TerritoryError = Widgets.MapWidgetModel.UnknownTerritory;
        }
    }

    public string ListingsFrame(Guid id, string name) =>
        $"<iframe src=\"{BaseUrl}/widgets/organisations/{id}/annonces\" title=\"Les annonces de {System.Net.WebUtility.HtmlEncode(name)} sur elBasar\" width=\"100%\" height=\"480\" loading=\"lazy\"></iframe>";

    public string ListingsScript(Guid id) => $"<script src=\"{BaseUrl}/widgets/elbasar.js\" data-organisation=\"{id}\" async></script>";

    public string MapFrame(Territory territory) =>
        $"<iframe src=\"{BaseUrl}/widgets/carte?territoire={Uri.EscapeDataString(territory.Code)}\" title=\"Les offres du territoire sur elBasar\" width=\"100%\" height=\"480\" loading=\"lazy\"></iframe>";

    public string MapScript(Territory territory) => $"<script src=\"{BaseUrl}/widgets/elbasar.js\" data-territoire=\"{territory.Code}\" async></script>";
}
