using System.ComponentModel.DataAnnotations;
using ElBasar.Web.Features.Accounts.PersonalData;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ElBasar.Web.Features.Accounts;

/// <summary>"Mes données": download everything elBasar holds about oneself, or delete one's account.</summary>
[Authorize]
[EnableRateLimiting(AccountLimits.Policy)]
public sealed class MyDataModel(UserManager<User> users, SignInManager<User> signIn, PersonalDataService data, TimeProvider clock) : PageModel
{
    [BindProperty] public DeleteInput Input { get; set; } = new();

    public IReadOnlyList<string> Warnings { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        Warnings = await data.WarningsAsync(user.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        var json = await data.ExportAsync(user.Id, ct);
        Response.Headers.CacheControl = "no-store";
        return File(json, "application/json; charset=utf-8", $"elbasar-mes-donnees-{clock.GetUtcNow():yyyy-MM-dd}.json");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (ModelState.IsValid && !Input.Understood)
            ModelState.AddModelError($"{nameof(Input)}.{nameof(DeleteInput.Understood)}", "Cochez la case pour confirmer que vous voulez supprimer votre compte.");
        // Checked through sign-in so that wrong guesses count towards the lockout.
        if (ModelState.IsValid && !(await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: true)).Succeeded)
            ModelState.AddModelError($"{nameof(Input)}.{nameof(DeleteInput.Password)}", AccountModel.WrongPassword);
        if (!ModelState.IsValid)
        {
            Warnings = await data.WarningsAsync(user.Id, ct);
            Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
            return Page();
        }
        var deleted = await data.DeleteAsync(user, ct);
        if (!deleted.Succeeded)
        {
            Warnings = await data.WarningsAsync(user.Id, ct);
            Problems = ["Le compte n'a pas pu être supprimé. Réessayez dans un instant ; si cela se reproduit, écrivez à l'équipe d'animation."];
            return Page();
        }
        await signIn.SignOutAsync();
        return RedirectToPage("AccountDeleted");
    }

    public sealed class DeleteInput
    {
        [Required(ErrorMessage = "Indiquez votre mot de passe pour confirmer.")]
        [DataType(DataType.Password)]
        [Display(Name = "Votre mot de passe")]
        public string Password { get; set; } = "";

        [Display(Name = "Je comprends que la suppression est définitive")]
        public bool Understood { get; set; }
    }
}
