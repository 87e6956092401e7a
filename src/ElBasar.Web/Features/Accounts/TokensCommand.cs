using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;

namespace ElBasar.Web.Features.Accounts;

/// <summary>
/// <c>tokens create --email E [--name N]</c>: prints a new personal access token for that account
/// (contracts/interfaces.md), alone on standard output so a script can keep it.
/// </summary>
public static class TokensCommand
{
    const string Usage = "Utilisation : tokens create --email ADRESSE [--name NOM]";
    const string DefaultName = "Ligne de commande";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        if (args.Length == 0 || args[0] != "create" || !UsersCommand.TryReadOptions(args[1..], out var options)
            || !options.TryGetValue("email", out var email) || options.Keys.Except(["email", "name"]).Any())
        {
            await errors.WriteLineAsync(Usage);
            return 2;
        }
        var name = options.GetValueOrDefault("name", DefaultName).Trim();
        if (name.Length is 0 or > PersonalAccessToken.MaxNameLength)
        {
            await errors.WriteLineAsync($"Le nom du jeton doit faire de 1 à {PersonalAccessToken.MaxNameLength} caractères.");
            return 2;
        }

        await DatabaseStartup.RunAsync(services, serving: false, CancellationToken.None);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        if (await users.FindByEmailAsync(email.Trim()) is not { } user)
        {
            await errors.WriteLineAsync($"Aucun compte n'a l'adresse « {email} ». Créez-le d'abord avec « users create ».");
            return 1;
        }
        var token = scope.ServiceProvider.GetRequiredService<PersonalAccessTokens>().Create(user.Id, name);
        await scope.ServiceProvider.GetRequiredService<ElBasarDbContext>().SaveChangesAsync();
        await output.WriteLineAsync(token);
        await errors.WriteLineAsync($"Jeton « {name} » créé pour {user.Email}. Gardez-le : il ne sera plus affiché.");
        return 0;
    }
}
