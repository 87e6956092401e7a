using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace ElBasar.Web.Features.Accounts;

/// <summary>
/// Refuses the passwords everyone tries first (common-passwords.txt beside this file, shipped
/// with the app: the most frequent passwords of public leaks, French favourites included).
/// </summary>
public sealed class CommonPasswords : IPasswordValidator<User>
{
    static readonly Lazy<HashSet<string>> List = new(Load);

    public static bool Contains(string password) => List.Value.Contains(password.Trim().ToLowerInvariant());

    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password) =>
        Task.FromResult(password is not null && Contains(password)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = "Ce mot de passe fait partie des plus utilisés : choisissez-en un autre, par exemple une phrase de plusieurs mots.",
            })
            : IdentityResult.Success);

    static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ElBasar.Web.Features.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#')) set.Add(line.Trim().ToLowerInvariant());
        }
        return set;
    }
}
