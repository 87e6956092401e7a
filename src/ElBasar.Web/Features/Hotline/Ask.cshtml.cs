using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Messaging;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ElBasar.Web.Features.Hotline;

/// <summary>"Je ne trouve pas ce que je cherche": anyone asks the facilitators; a visitor leaves a name and an address.</summary>
[EnableRateLimiting(HotlineModule.RequestLimit)]
public sealed class AskModel(HotlineDesk desk, UserManager<User> users) : PageModel
{
    [BindProperty] public AskInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "envoye")] public bool Sent { get; set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];
    public bool SignedIn => OrganizationAccess.UserIdOf(User) is not null;

    public void OnGet(string? q, string? commune)
    {
        Input.What = q;
        Input.Commune = commune;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Sent = false;
        var user = await users.GetUserAsync(User);
        if (string.IsNullOrWhiteSpace(Input.What)) AddError(nameof(AskInput.What), "Dites ce que vous cherchez.");
        if (!Slug.TryParse<HotlineUrgency>(Input.Urgency, out var urgency)) AddError(nameof(AskInput.Urgency), "Dites si c'est pressé.");
        if (user is null)
        {
            if (string.IsNullOrWhiteSpace(Input.Name)) AddError(nameof(AskInput.Name), "Indiquez votre nom.");
            if (string.IsNullOrWhiteSpace(Input.Email)) AddError(nameof(AskInput.Email), "Indiquez votre adresse e-mail : c'est là que nous vous répondrons.");
            else if (!MailAddress.TryCreate(Input.Email.Trim(), out var address) || address.Address != Input.Email.Trim())
                AddError(nameof(AskInput.Email), "Cette adresse e-mail n'est pas valide.");
        }
        if (!ModelState.IsValid)
        {
            Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct().ToList();
            return Page();
        }
        await desk.SubmitAsync(new HotlineRequest
        {
            RequesterId = user?.Id,
            Name = user?.DisplayName ?? Input.Name!.Trim(),
            Email = user?.Email ?? Input.Email!.Trim(),
            What = Input.What!.Trim(),
            Commune = string.IsNullOrWhiteSpace(Input.Commune) ? null : Input.Commune.Trim(),
            Urgency = urgency,
        }, MessagingModule.BaseUrl(HttpContext), ct);
        return Redirect("/je-ne-trouve-pas?envoye=true");
    }

    void AddError(string field, string message) => ModelState.AddModelError($"{nameof(Input)}.{field}", message);
}

public sealed class AskInput
{
    [StringLength(HotlineRequest.MaxWhatLength, ErrorMessage = "La demande doit faire au plus 2 000 caractères.")]
    [Display(Name = "Ce que vous cherchez")]
    public string? What { get; set; }

    [StringLength(HotlineRequest.MaxCommuneLength, ErrorMessage = "La commune doit faire au plus 200 caractères.")]
    [Display(Name = "Où (commune)")]
    public string? Commune { get; set; }

    [Display(Name = "C'est pressé ?")]
    public string? Urgency { get; set; } = "later";

    [StringLength(HotlineRequest.MaxNameLength, ErrorMessage = "Le nom doit faire au plus 200 caractères.")]
    [Display(Name = "Votre nom")]
    public string? Name { get; set; }

    [StringLength(HotlineRequest.MaxEmailLength, ErrorMessage = "L'adresse doit faire au plus 256 caractères.")]
    [Display(Name = "Votre adresse e-mail")]
    public string? Email { get; set; }
}
