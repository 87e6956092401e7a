using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace ElBasar.Web.Infrastructure.Web;

/// <summary>
/// A body or a parameter an endpoint of the API (or a calendar or CSV download) could not read (a date
/// that does not exist, text where an id is expected) answers a 400 problem+json naming the field, in
/// French, rather than a bare "Bad Request" or, with the site's page handler, a 500.
/// </summary>
sealed partial class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad) return false;
        context.Response.StatusCode = bad.StatusCode;
        var field = FieldOf(bad);
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [field] = [field == "body" ? JsonBody.Invalid : $"« {field} » n'a pas le type ou le format attendu."],
        })
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status400BadRequest ? "Demande incorrecte" : Errors.Title(bad.StatusCode),
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The JSON path of the faulty value ("$.query.category" gives "query.category"), or the parameter's name, or "body".</summary>
    static string FieldOf(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException { Path: { Length: > 2 } path } && path.StartsWith("$.", StringComparison.Ordinal)) return path[2..];
        var parameter = Parameter().Match(bad.Message);
        return parameter.Success ? parameter.Groups[1].Value : "body";
    }

    [GeneratedRegex("parameter \"(?:[^\"]* )?(\\w+)\"")]
    private static partial Regex Parameter();
}
