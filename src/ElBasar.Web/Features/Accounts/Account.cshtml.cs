using System.ComponentModel.DataAnnotations;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ElBasar.Web.Features.Accounts;

/// <summary>
/// "Mon compte": name, password, e-mail address and API tokens. Each form posts to its own
/// handler and binds only its own fields, so one failing form keeps what was typed in it.
/// </summary>
[Authorize]
[EnableRateLimiting(AccountLimits.Policy)]
public sealed class AccountModel(
    UserManager<User> users, SignInManager<User> signIn, PersonalAccessTokens tokens, AccountMails mails, ElBasarDbContext db)
    : PageModel
{
    public const string WrongPassword = "Le mot de passe actuel est incorrect.";

    public NameInput NameForm { get; set; } = new();
    public PasswordInput PasswordForm { get; set; } = new();
    public EmailInput EmailForm { get; set; } = new();
    public TokenInput TokenForm { get; set; } = new();

    /// <summary>What the last form did, after its redirect (post, redirect, get).</summary>
    [BindProperty(SupportsGet = true, Name = "fait")] public string? Done { get; set; }

    public string Email { get; private set; } = "";
    public IReadOnlyList<PersonalAccessToken> Tokens { get; private set; } = [];
    public string? NewToken { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public string? DoneMessage => Done switch
    {
        "nom" => "Votre nom a été changé.",
        "mot-de-passe" => "Votre mot de passe a été changé.",
        "adresse" => "Si cette adresse peut être utilisée, un lien de confirmation vient d'y être envoyé. Votre adresse changera quand vous l'aurez ouvert.",
        "jeton-revoque" => "Le jeton a été révoqué : il ne donne plus accès à l'API.",
        _ => null,
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        NameForm.DisplayName = user.DisplayName;
        return await ShowAsync(user, ct);
    }

    public async Task<IActionResult> OnPostNameAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (!await TryUpdateModelAsync(NameForm, nameof(NameForm))) return await ShowAsync(user, ct);
        user.DisplayName = NameForm.DisplayName.Trim();
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded) return await FailAsync(user, updated, $"{nameof(NameForm)}.{nameof(NameInput.DisplayName)}", ct);
        return RedirectToPage(new { fait = "nom" });
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        NameForm.DisplayName = user.DisplayName;
        if (!await TryUpdateModelAsync(PasswordForm, nameof(PasswordForm))) return await ShowAsync(user, ct);
        // Checked through sign-in so that wrong guesses count towards the lockout.
        if (!(await signIn.CheckPasswordSignInAsync(user, PasswordForm.CurrentPassword, lockoutOnFailure: true)).Succeeded)
        {
            ModelState.AddModelError($"{nameof(PasswordForm)}.{nameof(PasswordInput.CurrentPassword)}", WrongPassword);
            return await ShowAsync(user, ct);
        }
        var changed = await users.ChangePasswordAsync(user, PasswordForm.CurrentPassword, PasswordForm.NewPassword);
        if (!changed.Succeeded) return await FailAsync(user, changed, $"{nameof(PasswordForm)}.{nameof(PasswordInput.NewPassword)}", ct);
        mails.PasswordChanged(user, Url.PageLink("Account")!);
        await db.SaveChangesAsync(ct);
        // The password change renewed the security stamp: this session gets a fresh cookie, others end.
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage(new { fait = "mot-de-passe" });
    }

    public async Task<IActionResult> OnPostEmailAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        NameForm.DisplayName = user.DisplayName;
        if (!await TryUpdateModelAsync(EmailForm, nameof(EmailForm))) return await ShowAsync(user, ct);
        var newEmail = EmailForm.NewEmail.Trim();
        if (!(await signIn.CheckPasswordSignInAsync(user, EmailForm.Password, lockoutOnFailure: true)).Succeeded)
        {
            ModelState.AddModelError($"{nameof(EmailForm)}.{nameof(EmailInput.Password)}", WrongPassword);
            return await ShowAsync(user, ct);
        }
        if (string.Equals(newEmail, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError($"{nameof(EmailForm)}.{nameof(EmailInput.NewEmail)}", "C'est déjà l'adresse de votre compte.");
            return await ShowAsync(user, ct);
        }
        // An address that already has an account gets no link, and the page says the same as for any
        // other: nobody learns from here who is registered.
        if (await users.FindByEmailAsync(newEmail) is null)
        {
            var code = AccountTokens.Encode(await users.GenerateChangeEmailTokenAsync(user, newEmail));
            mails.ConfirmNewEmail(user, newEmail, Url.PageLink("ConfirmEmailChange", values: new { userId = user.Id, email = newEmail, code })!);
            mails.EmailChangeRequested(user, newEmail, Url.PageLink("Account")!);
            await db.SaveChangesAsync(ct);
        }
        return RedirectToPage(new { fait = "adresse" });
    }

    public async Task<IActionResult> OnPostCreateTokenAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        NameForm.DisplayName = user.DisplayName;
        if (!await TryUpdateModelAsync(TokenForm, nameof(TokenForm))) return await ShowAsync(user, ct);
        NewToken = tokens.Create(user.Id, TokenForm.Name);
        await db.SaveChangesAsync(ct);
        TokenForm = new();
        // Shown once, on this answer only: no redirect that would need to carry it, and no cache keeping it.
        Response.Headers.CacheControl = "no-store";
        return await ShowAsync(user, ct);
    }

    public async Task<IActionResult> OnPostRevokeTokenAsync(Guid tokenId, CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        await tokens.RevokeAsync(user.Id, tokenId, ct);
        return RedirectToPage(new { fait = "jeton-revoque" });
    }

    async Task<IActionResult> FailAsync(User user, IdentityResult result, string key, CancellationToken ct)
    {
        foreach (var error in result.Errors) ModelState.AddModelError(key, error.Description);
        return await ShowAsync(user, ct);
    }

    async Task<IActionResult> ShowAsync(User user, CancellationToken ct)
    {
        Email = user.Email ?? "";
        Tokens = await tokens.ListAsync(user.Id, ct);
        Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct().ToList();
        // Passwords are never sent back into the page.
        PasswordForm.CurrentPassword = PasswordForm.NewPassword = EmailForm.Password = "";
        if (Problems.Count > 0) Done = null;
        return Page();
    }
}

public sealed class NameInput
{
    [Required(ErrorMessage = "Indiquez votre nom.")]
    [StringLength(200, ErrorMessage = "Le nom doit faire au plus 200 caractères.")]
    [Display(Name = "Votre nom, tel qu'il est affiché")]
    public string DisplayName { get; set; } = "";
}

public sealed class PasswordInput
{
    [Required(ErrorMessage = "Indiquez votre mot de passe actuel.")]
    [DataType(DataType.Password)]
    [Display(Name = "Mot de passe actuel")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Choisissez un nouveau mot de passe.")]
    [StringLength(200, MinimumLength = 10, ErrorMessage = "Le mot de passe doit faire au moins 10 caractères.")]
    [DataType(DataType.Password)]
    [Display(Name = "Nouveau mot de passe (10 caractères au moins)")]
    public string NewPassword { get; set; } = "";
}

public sealed class EmailInput
{
    [Required(ErrorMessage = "Indiquez la nouvelle adresse e-mail.")]
    [EmailAddress(ErrorMessage = "Cette adresse e-mail n'est pas valide.")]
    [StringLength(256, ErrorMessage = "L'adresse doit faire au plus 256 caractères.")]
    [Display(Name = "Nouvelle adresse e-mail")]
    public string NewEmail { get; set; } = "";

    [Required(ErrorMessage = "Indiquez votre mot de passe.")]
    [DataType(DataType.Password)]
    [Display(Name = "Votre mot de passe")]
    public string Password { get; set; } = "";
}

public sealed class TokenInput
{
    [Required(ErrorMessage = "Donnez un nom au jeton, pour le reconnaître plus tard.")]
    [StringLength(PersonalAccessToken.MaxNameLength, ErrorMessage = "Le nom du jeton doit faire au plus 100 caractères.")]
    [Display(Name = "Nom du jeton (par exemple : import depuis notre site)")]
    public string Name { get; set; } = "";
}
