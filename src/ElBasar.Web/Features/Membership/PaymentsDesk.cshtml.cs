using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Membership;

/// <summary>The facilitators record the payments of paid listings (or waive them): the listing goes online, or to the front page for a month.</summary>
[Authorize(Policy = AccountPolicies.Staff)]
public sealed class PaymentsDeskModel(Payments payments) : PageModel
{
    public IReadOnlyList<Payments.Waiting> Waiting { get; private set; } = [];
    public string? Done { get; private set; }

    public async Task OnGetAsync(string? fait, CancellationToken ct)
    {
        Waiting = await payments.PendingAsync(null, ct);
        Done = fait switch
        {
            "paye" => "Paiement enregistré : l'annonce est en ligne (ou à la une pour un mois).",
            "exonere" => "Paiement exonéré : l'annonce est en ligne (ou à la une pour un mois).",
            "deja" => "Ce paiement était déjà enregistré.",
            _ => null,
        };
    }

    public async Task<IActionResult> OnPostAsync(Guid paymentId, string? method, CancellationToken ct)
    {
        if (!Slug.TryParse<PaymentMethod>(method, out var parsed)) return BadRequest();
        var settled = await payments.SettleAsync(paymentId, parsed, OrganizationAccess.UserIdOf(User), ct);
        return Redirect($"/animation/paiements?fait={(!settled ? "deja" : parsed == PaymentMethod.Waived ? "exonere" : "paye")}");
    }
}
