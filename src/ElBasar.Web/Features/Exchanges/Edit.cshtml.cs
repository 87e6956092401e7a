using ElBasar.Web.Features.Directory;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>The declaring side corrects its declaration until the other party confirms it.</summary>
[Authorize]
public sealed class EditModel(ExchangeLedger ledger, ExchangeForms forms, OrganizationAccess access) : PageModel
{
    [BindProperty] public ExchangeInput Input { get; set; } = new();
    public ExchangeFormChoices Choices { get; private set; } = null!;
    public IReadOnlyList<string> Problems { get; private set; } = [];

    Guid UserId => OrganizationAccess.UserIdOf(User)!.Value;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await ledger.FindAsync(id, ct) is not { Status: not ExchangeStatus.Confirmed } exchange
            || !await access.CanEditAsync(UserId, exchange.FromOrganizationId, ct)) return NotFound();
        Input = ExchangeInput.From(exchange);
        Choices = await forms.ChoicesAsync(UserId, Input, editing: true, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var result = await ledger.UpdateAsync(UserId, id, Input.ToFields(), ct);
        if (result.Outcome == LedgerOutcome.Done) return Redirect($"/echanges/{id}");
        if (result.Outcome is LedgerOutcome.NotFound or LedgerOutcome.Forbidden) return NotFound();
        ExchangeForms.Show(ModelState, result);
        Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct().ToList();
        Choices = await forms.ChoicesAsync(UserId, Input, editing: true, ct);
        return Page();
    }
}
