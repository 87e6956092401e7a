using ElBasar.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ElBasar.Web.Features.Newsletter;

/// <summary><c>GET /api/v1/newsletter/preview?month=YYYY-MM</c> for facilitators (contracts/interfaces.md, "Network life").</summary>
public static class NewsletterApi
{
    public static IEndpointRouteBuilder MapNewsletterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/newsletter/preview", PreviewAsync).WithTags("Newsletter").RequireAuthorization(AccountPolicies.Staff)
            .WithSummary("The digest of a month as it would be sent: listings, new members, events and its HTML.");
        return app;
    }

    public sealed record PreviewDto(string Month, string Subject, List<DigestComposer.ListingItem> Listings, List<DigestComposer.NewMember> NewMembers,
        List<DigestComposer.EventItem> Events, string Html);

    /// <summary>The home network's digest, or the one of <c>network</c> (a short address).</summary>
    static async Task<Results<Ok<PreviewDto>, ValidationProblem>> PreviewAsync(string? month, string? network, DigestComposer composer, Newsletters newsletters, CancellationToken ct)
    {
        if (!DigestComposer.TryParseMonth(month, out var first))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["month"] = ["Le mois s'écrit AAAA-MM, par exemple 2026-11."] });
        if (await newsletters.NetworkAsync(network, ct) is not { } digestNetwork)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["network"] = [$"Aucun réseau n'a l'adresse courte « {network} »."] });
        // The month's draft when there is one (its editorial and selection), else the composition alone: a GET changes nothing.
        var issue = await newsletters.FindAsync(digestNetwork.Id, first, ct);
        var digest = issue is null ? await composer.ComposeAsync(digestNetwork, first, "", new HashSet<Guid>(), ct) : await newsletters.ComposeAsync(issue, ct);
        return TypedResults.Ok(new PreviewDto(digest.Month, issue?.Subject ?? digest.Title, digest.Groups.SelectMany(g => g.Items).ToList(), digest.NewMembers, digest.Events, digest.Html));
    }
}
