using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ElBasar.Web.Infrastructure.Web;

/// <summary>
/// When the database cannot be reached (PostgreSQL stopped, restarting, out of connections; SQLite's
/// file locked past the busy timeout), a request ends at once with 503 and <c>Retry-After</c>: a
/// problem+json under /api, elsewhere a short French page written here, since the layout itself may
/// need the database. Connections come back by themselves: the next request after the database
/// returns opens a fresh one.
/// </summary>
sealed class DatabaseUnavailable(RequestDelegate next, ILogger<DatabaseUnavailable> logger)
{
    public const string Title = "Service momentanément indisponible";
    public const string Detail = "La base de données du site ne répond pas pour l'instant. Réessayez dans une minute : rien de ce que vous aviez déjà enregistré n'est perdu.";
    const int RetryAfterSeconds = 30;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (IsUnreachable(e) && !context.Response.HasStarted)
        {
            logger.LogWarning("Database unreachable for {Method} {Path}: {Error}", context.Request.Method, context.Request.Path, e.GetBaseException().Message);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers.CacheControl = "no-store";
            if (Errors.IsApi(context))
            {
                await Results.Problem(title: Title, detail: Detail, statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync($"""
                <!DOCTYPE html>
                <html lang="fr">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{Title} · elBasar</title>
                <link rel="stylesheet" href="/css/site.css"></head>
                <body><main id="contenu"><h1>{Title}</h1><p>{Detail}</p><p><a href="{System.Net.WebUtility.HtmlEncode(context.Request.Path + context.Request.QueryString)}">Réessayer</a></p></main></body>
                </html>
                """);
        }
    }

    /// <summary>The database is out of reach, as opposed to a query that failed: connection refused or lost, server shutting down, too many connections, a lock held too long.</summary>
    public static bool IsUnreachable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                                               || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300":
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException { InnerException: SocketException or IOException or TimeoutException }:
                case NpgsqlException when e.Message.Contains("connection", StringComparison.OrdinalIgnoreCase):
                    return true;
                case SqliteException { SqliteErrorCode: 5 or 6 }:   // SQLITE_BUSY, SQLITE_LOCKED past the busy timeout
                    return true;
                case DbException:
                    return false;
            }
        }
        return false;
    }
}
