using System.ComponentModel.DataAnnotations;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ElBasar.Web.Features.Accounts;

[EnableRateLimiting(AccountLimits.Policy)]
public sealed class SignInModel(SignInManager<User> signIn, UserManager<User> users, AccountMails mails, ElBasarDbContext db) : PageModel
{
    public const string Failed = "Adresse e-mail ou mot de passe incorrect. Après cinq essais manqués, le compte est bloqué 15 minutes.";

    [BindProperty] public SignInInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Invalid();
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null) return Invalid(Failed);
        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        if (result.IsNotAllowed && await users.CheckPasswordAsync(user, Input.Password))
        {
            // Only someone who knows the password learns the address waits for confirmation.
            var code = AccountTokens.Encode(await users.GenerateEmailConfirmationTokenAsync(user));
            mails.Confirm(user, Url.PageLink("ConfirmEmail", values: new { userId = user.Id, code })!);
            await db.SaveChangesAsync(ct);
            return Invalid("Votre adresse n'est pas encore confirmée : un nouveau lien de confirmation vient de vous être envoyé.");
        }
        return Invalid(Failed);
    }

    IActionResult Invalid(string? message = null)
    {
        if (message is not null) ModelState.AddModelError("", message);
        Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct().ToList();
        Input.Password = "";
        return Page();
    }
}

public sealed class SignInInput
{
    [Required(ErrorMessage = "Indiquez votre adresse e-mail.")]
    [Display(Name = "Adresse e-mail")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Indiquez votre mot de passe.")]
    [DataType(DataType.Password)]
    [Display(Name = "Mot de passe")]
    public string Password { get; set; } = "";

    [Display(Name = "Rester connecté sur cet appareil")]
    public bool RememberMe { get; set; }
}
