using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;

namespace ElBasar.Web.Features.Accounts;

/// <summary>
/// <c>users create --email E --password P [--name N] [--role admin|facilitator|member]</c>: a
/// confirmed account, typically the first admin of a new install (contracts/interfaces.md).
/// </summary>
public static class UsersCommand
{
    const string Usage = "Utilisation : users create --email ADRESSE --password MOT_DE_PASSE [--name NOM] [--role admin|facilitator|member]";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        if (args is ["add-to-organization", .. var rest])
        {
            if (TryReadOptions(rest, out var added)) return await Directory.People.AddToOrganizationCommand.RunAsync(services, added, output, errors);
            await errors.WriteLineAsync(Directory.People.AddToOrganizationCommand.Usage);
            return 2;
        }
        if (args.Length == 0 || args[0] != "create" || !TryReadOptions(args[1..], out var options)
            || !options.TryGetValue("email", out var email) || !options.TryGetValue("password", out var password))
        {
            await errors.WriteLineAsync(Usage);
            return 2;
        }
        var role = options.GetValueOrDefault("role", SiteRoles.Member);
        if (!SiteRoles.All.Contains(role))
        {
            await errors.WriteLineAsync($"Rôle inconnu : « {role} ». {Usage}");
            return 2;
        }

        await DatabaseStartup.RunAsync(services, serving: false, CancellationToken.None);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            await errors.WriteLineAsync($"Un compte existe déjà pour {email}.");
            return 1;
        }
        var user = new User
        {
            UserName = email, Email = email, EmailConfirmed = true,
            DisplayName = options.GetValueOrDefault("name", email.Split('@')[0]),
            CreatedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors) await errors.WriteLineAsync(error.Description);
            return 1;
        }
        await users.AddToRoleAsync(user, SiteRoles.Member);
        if (role != SiteRoles.Member) await users.AddToRoleAsync(user, role);
        await output.WriteLineAsync($"Compte créé : {email} ({role}).");
        return 0;
    }

    internal static bool TryReadOptions(string[] args, out Dictionary<string, string> options)
    {
        options = [];
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) return false;
            options[args[i][2..].ToLowerInvariant()] = args[i + 1];
        }
        return true;
    }
}
