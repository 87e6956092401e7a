using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.OpenData.Widgets;

/// <summary>
/// The map of a territory's live public offers, for an iframe on a local authority's site:
/// <c>/widgets/carte?territoire=59</c> (département), <c>=200093201</c> (EPCI) or <c>=59350</c> (commune).
/// </summary>
public sealed class MapWidgetModel(TerritoryOffers offers) : PageModel
{
    public const string UnknownTerritory =
        "Territoire inconnu : indiquez le code d'un département (59), le numéro SIREN d'une intercommunalité (200093201) ou le code INSEE d'une commune (59350).";

    public TerritoryMap? Map { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? territoire, CancellationToken ct)
    {
        if (offers.Find(territoire) is not { } territory)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Map = await offers.LoadAsync(territory, ct);
        return Page();
    }
}
