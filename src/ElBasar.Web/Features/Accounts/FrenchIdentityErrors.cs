using Microsoft.AspNetCore.Identity;

namespace ElBasar.Web.Features.Accounts;

/// <summary>Identity's messages, in French. None says whether an e-mail address has an account.</summary>
sealed class FrenchIdentityErrors : IdentityErrorDescriber
{
    static IdentityError Error(string code, string description) => new() { Code = code, Description = description };

    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Une erreur est survenue. Réessayez.");
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"Le mot de passe doit faire au moins {length} caractères.");
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Le mot de passe est incorrect.");
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "Ce lien n'est plus valable : demandez-en un nouveau.");
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "Cette adresse e-mail n'est pas valide.");
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "Cette adresse e-mail n'est pas valide.");
    // Sign-up must not reveal that an address already has an account: the page handles it quietly.
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), "Cette adresse ne peut pas être utilisée.");
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "Cette adresse ne peut pas être utilisée.");
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Le compte a changé entre-temps : rechargez la page.");
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "Le verrouillage n'est pas activé pour ce compte.");
}
