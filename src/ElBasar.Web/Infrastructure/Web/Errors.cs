namespace ElBasar.Web.Infrastructure.Web;

/// <summary>
/// Failures as people and programs expect them: RFC 9457 problem+json under /api, a French page
/// (the <c>/erreur/{status}</c> page) elsewhere. An unexpected exception never shows its text.
/// </summary>
static class Errors
{
    public const string PagePath = "/erreur/{0}";

    public static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi");

    public static WebApplication UseElBasarErrors(this WebApplication app)
    {
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), site =>
        {
            site.UseExceptionHandler(string.Format(PagePath, 500));
            site.UseStatusCodePagesWithReExecute(PagePath);
        });
        return app;
    }

    public static string Title(int status) => status switch
    {
        400 => "Demande incorrecte",
        401 => "Connexion nécessaire",
        403 => "Accès refusé",
        404 => "Page introuvable",
        405 => "Méthode non autorisée",
        409 => "Conflit",
        429 => "Trop de demandes",
        >= 500 => "Erreur du serveur",
        _ => "Erreur",
    };

    public static string Explanation(int status) => status switch
    {
        404 => "La page demandée n'existe pas ou n'existe plus. L'annonce a peut-être été retirée, ou l'adresse contient une faute de frappe.",
        403 => "Vous n'avez pas le droit d'ouvrir cette page.",
        429 => "Vous avez fait beaucoup de demandes en peu de temps. Patientez un instant puis réessayez.",
        >= 500 => "Un problème est survenu de notre côté. Réessayez dans un moment ; si cela continue, prévenez l'équipe du réseau.",
        _ => "La demande n'a pas pu aboutir.",
    };
}
