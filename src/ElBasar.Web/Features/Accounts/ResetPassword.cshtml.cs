using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ElBasar.Web.Features.Accounts;

[EnableRateLimiting(AccountLimits.Policy)]
public sealed class ResetPasswordModel(UserManager<User> users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Choisissez un mot de passe.")]
    [StringLength(200, MinimumLength = 10, ErrorMessage = "Le mot de passe doit faire au moins 10 caractères.")]
    [DataType(DataType.Password)]
    [Display(Name = "Nouveau mot de passe (10 caractères au moins)")]
    public string Password { get; set; } = "";

    public IReadOnlyList<string> Problems { get; private set; } = [];
    public bool Done { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var user = await users.FindByIdAsync(UserId.ToString());
            var token = AccountTokens.Decode(Code);
            var result = user is null || token is null
                ? IdentityResult.Failed(new FrenchIdentityErrors().InvalidToken())
                : await users.ResetPasswordAsync(user, token, Password);
            if (result.Succeeded)
            {
                await users.ResetAccessFailedCountAsync(user!);
                Done = true;
                return Page();
            }
            foreach (var error in result.Errors) ModelState.AddModelError(nameof(Password), error.Description);
        }
        Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
        Password = "";
        return Page();
    }
}
