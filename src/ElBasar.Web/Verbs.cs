using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Import;
using ElBasar.Web.Infrastructure.Data;

namespace ElBasar.Web;

/// <summary>
/// The command-line verbs of contracts/interfaces.md. Without a verb (or with <c>serve</c>) the
/// site runs; the others share its configuration, do their work and exit with a status code.
/// </summary>
public static class Verbs
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-') && !a.Contains('=')).ToArray();
        var verb = words.FirstOrDefault()?.ToLowerInvariant();
        switch (verb)
        {
            case null or "serve":
                await app.RunAsync();
                return 0;
            case "migrate":
                return await MigrateAsync(app);
            case "users":
                return await UsersCommand.RunAsync(app.Services, args[1..], Console.Out, Console.Error);
            case "tokens":
                return await TokensCommand.RunAsync(app.Services, args[1..], Console.Out, Console.Error);
            case "import":
                return await ImportCommand.RunAsync(app.Services, words[1..], Console.Out, Console.Error);
            case "backup" or "restore" when words.Length != 2:
                await Console.Error.WriteLineAsync($"Utilisation : {verb} FICHIER");
                return 2;
            case "backup":
                return Report(await app.Services.GetRequiredService<DatabaseBackup>().BackupAsync(words[1], CancellationToken.None));
            case "restore":
                return Report(await app.Services.GetRequiredService<DatabaseBackup>().RestoreAsync(words[1], CancellationToken.None));
            case "help" or "--help":
                Console.Out.WriteLine(Usage);
                return 0;
            default:
                await Console.Error.WriteLineAsync($"Commande inconnue : « {verb} ».\n\n{Usage}");
                return 2;
        }
    }

    const string Usage =
        """
        Utilisation : ElBasar.Web [COMMANDE] [OPTIONS]

          serve                         lance le site (par défaut)
          migrate                       crée ou met à jour la base de données
          import organizations FICHIER  importe des organisations (JSON Lines)
          import listings FICHIER       importe des annonces (JSON Lines)
          backup FICHIER                écrit une copie cohérente de la base, site en marche
                                        (SQLite : copie en ligne ; PostgreSQL : pg_dump)
          restore FICHIER               remet une sauvegarde sur une base vide
          users create --email E --password P [--name N] [--role admin|facilitator|member]
                                        crée un compte confirmé
          users add-to-organization --email E --organization ID [--role owner|editor]
                                        rattache un compte à une structure (identifiant
                                        externe ou id ; par défaut responsable si elle
                                        n'en a pas encore, éditeur sinon)
          tokens create --email E [--name N]
                                        affiche un nouveau jeton d'accès à l'API pour ce compte

        La configuration est celle du site (appsettings.json, variables d'environnement
        comme Database__Provider et ConnectionStrings__ElBasar).
        """;

    static int Report(DatabaseBackup.Outcome outcome)
    {
        (outcome.Done ? Console.Out : Console.Error).WriteLine(outcome.Message);
        return outcome.Done ? 0 : 1;
    }

    static async Task<int> MigrateAsync(WebApplication app)
    {
        var applied = await DatabaseStartup.RunAsync(app.Services, serving: false, CancellationToken.None);
        Console.Out.WriteLine(applied.Count == 0
            ? "La base de données est à jour."
            : $"Migrations appliquées : {string.Join(", ", applied.Select(s => $"{s.Version:0000}_{s.Name}"))}.");
        return 0;
    }
}
