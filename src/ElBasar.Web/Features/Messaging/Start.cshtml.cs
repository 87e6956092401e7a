using System.ComponentModel.DataAnnotations;
using ElBasar.Web.Features.Directory;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Messaging;

/// <summary>"Contacter": the first message to an organisation, about one of its listings or in general.</summary>
[Authorize]
public sealed class StartModel(Conversations conversations, OrganizationAccess access) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "annonce")] public Guid? ListingId { get; set; }
    [BindProperty(SupportsGet = true, Name = "structure")] public Guid? OrganizationId { get; set; }
    [BindProperty] public StartInput Input { get; set; } = new();

    public ContactTarget Target { get; private set; } = null!;
    public IReadOnlyList<UserOrganization> MyOrganizations { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Guid? asOrganization = null;
        if (!string.IsNullOrEmpty(Input.AsOrganization))
        {
            if (!Guid.TryParse(Input.AsOrganization, out var parsed)) return BadRequest();
            asOrganization = parsed;
        }
        if (Conversations.Check(Input.Message) is { } problem)
            ModelState.AddModelError($"{nameof(Input)}.{nameof(StartInput.Message)}", problem);
        if (ModelState.IsValid)
        {
            var result = await conversations.StartAsync(OrganizationAccess.UserIdOf(User)!.Value, Target, asOrganization, Input.Message!,
                MessagingModule.BaseUrl(HttpContext), ct);
            if (result.Conversation is { } started) return Redirect($"/messages/{started.Id}");
            ModelState.AddModelError($"{nameof(Input)}.{nameof(StartInput.AsOrganization)}", Conversations.Explain(result.Refusal));
        }
        Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct().ToList();
        return Page();
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (ListingId is null == OrganizationId is null) return false;
        if (await conversations.FindTargetAsync(ListingId, OrganizationId, ct) is not { } target) return false;
        Target = target;
        MyOrganizations = (await access.OrganizationsOfAsync(OrganizationAccess.UserIdOf(User)!.Value, ct))
            .Where(o => o.Id != target.OrganizationId).ToList();
        return true;
    }
}

public sealed class StartInput
{
    /// <summary>Empty for "in my own name", else the id of one of my organisations.</summary>
    [Display(Name = "Écrire au nom de")]
    public string? AsOrganization { get; set; }

    [Display(Name = "Votre message")]
    public string? Message { get; set; }
}
