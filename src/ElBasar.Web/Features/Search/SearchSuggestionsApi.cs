using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Search;

/// <summary>What the search field proposes as one types: listing titles, categories and communes.</summary>
public static class SearchSuggestionsApi
{
    public const int MaxEach = 5;
    public const int MaxTextLength = 100;

    public static IEndpointRouteBuilder MapSearchSuggestionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/suggestions", SuggestAsync).WithTags("Listings").AllowAnonymous()
            .WithSummary("Suggest, for the beginning of a search, up to five listing titles, categories and communes.")
            .WithDescription("`q` is what was typed so far (1 to 100 characters); `only` restricts the answer to `titles`, `categories` or `communes`.");
        return app;
    }

    static async Task<Results<Ok<Suggestions>, ValidationProblem>> SuggestAsync(
        string? q, string? only, ListingSearch search, ElBasarDbContext db, Taxonomy taxonomy, Territories territories,
        TimeProvider clock, CancellationToken ct)
    {
        var text = (q ?? "").Trim();
        var errors = new Dictionary<string, string[]>();
        if (text.Length == 0) errors["q"] = ["« q » est requis : le début de ce qui est cherché."];
        else if (text.Length > MaxTextLength) errors["q"] = [$"« q » ne doit pas dépasser {MaxTextLength} caractères."];
        if (only is { Length: > 0 } && only is not ("titles" or "categories" or "communes"))
            errors["only"] = ["« only » doit valoir « titles », « categories » ou « communes »."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Paramètres de suggestion invalides");

        var folded = SearchText.Normalize(text);
        var wanted = (string? part) => only is not { Length: > 0 } || only == part;
        var titles = wanted("titles") && folded.Length >= 2 ? await TitlesAsync(text, folded, search, db, clock, ct) : [];
        var categories = wanted("categories") && folded.Length > 0
            ? taxonomy.Categories
                .Where(c => SearchText.Words(c.Label).Any(w => w.StartsWith(folded, StringComparison.Ordinal)) || SearchText.Normalize(c.Label).StartsWith(folded, StringComparison.Ordinal))
                .Take(MaxEach).Select(c => new CategorySuggestion(c.Slug, c.Label)).ToList()
            : [];
        var communes = wanted("communes") && folded.Length >= 2
            ? FindCommunes(territories, text, MaxEach).Select(c => new CommuneSuggestion(c.Code, c.Name, c.PostalCodes.FirstOrDefault())).ToList()
            : [];
        return TypedResults.Ok(new Suggestions(titles, categories, communes));
    }

    /// <summary>
    /// Communes by name or postal code: the exact name first, then the network's own région, then
    /// larger populations ("lil" gives Lille and Lillers before Lillebonne).
    /// </summary>
    public static IReadOnlyList<Commune> FindCommunes(Territories territories, string text, int max)
    {
        var folded = SearchText.Normalize(text);
        return territories.SearchCommunes(text, 50)
            .OrderBy(c => SearchText.Normalize(c.Name) == folded ? 0 : 1)
            .ThenBy(c => c.RegionCode == SearchLinks.HomeRegion ? 0 : 1)
            .Take(max)
            .ToList();
    }

    /// <summary>
    /// Titles holding what was typed, the last word being a beginning ("tonn" for "tonnelle"): first
    /// the best matches of the search itself, then, while the last word is still being typed, live
    /// listings with a title word starting so.
    /// </summary>
    static async Task<List<string>> TitlesAsync(string text, string folded, ListingSearch search, ElBasarDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        bool Holds(string title) => $" {SearchText.Normalize(title)}".Contains($" {folded}", StringComparison.Ordinal);

        var found = (await search.SearchAsync(new ListingQuery { Text = text, PageSize = 20 }, ct)).Items
            .Select(i => i.Title).Where(Holds).Distinct().Take(MaxEach).ToList();
        var last = folded.Split(' ')[^1];
        if (found.Count >= MaxEach || last.Length < 3) return found;

        // The index holds stems, and a word being typed may be longer ("tonnell") or shorter ("tonn")
        // than its stem ("tonnel"): look for either at the start of a title word. The conditions are
        // those of ListingSearch for a live listing.
        var (prefix, stem) = ($" {last}", $" {FrenchStemmer.Stem(last)}");
        var now = clock.GetUtcNow().UtcDateTime;
        var more = await db.Listings.AsNoTracking()
            .Where(l => l.Status == ListingStatus.Published && l.Visibility == ListingVisibility.Everyone
                && (l.ExpiresAt == null || l.ExpiresAt > now)
                && l.Organization!.Status == OrganizationStatus.Active
                && ((" " + l.SearchTitle).Contains(prefix) || (" " + l.SearchTitle).Contains(stem)))
            .OrderByDescending(l => l.CreatedAt)
            .Select(l => l.Title)
            .Take(50)
            .ToListAsync(ct);
        return found.Concat(more.Where(Holds)).Distinct().Take(MaxEach).ToList();
    }
}

public sealed record Suggestions(IReadOnlyList<string> Titles, IReadOnlyList<CategorySuggestion> Categories, IReadOnlyList<CommuneSuggestion> Communes);

public sealed record CategorySuggestion(string Slug, string Label);

public sealed record CommuneSuggestion(string Code, string Name, string? PostalCode);
