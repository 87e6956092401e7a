using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Directory;

/// <summary>The members' directory ("trombinoscope"): filters by words, legal form, territory and activity.</summary>
public sealed class OrganizationDirectory(ElBasarDbContext db, HomeNetwork network, Territories territories)
{
    public const int MaxPageSize = 100;

    /// <summary>A page size that takes every match, for other features (the API's pages stop at <see cref="MaxPageSize"/>).</summary>
    public const int AllItems = int.MaxValue;

    /// <summary>
    /// A network counts hundreds to a few thousand organisations: they are filtered in memory,
    /// which lets the words ignore accents and case exactly as listing search does.
    /// </summary>
    public async Task<OrganizationPage> SearchAsync(DirectoryQuery query, CancellationToken ct)
    {
        var networkId = await network.IdAsync(ct);
        var rows = await db.Organizations.AsNoTracking()
            .Where(o => o.Status == OrganizationStatus.Active)
            .Select(o => new
            {
                Summary = new OrganizationSummary(o.Id, o.ExternalId, o.Name, o.Kind == OrganizationKind.Individual ? "individual" : "organization",
                    o.LegalForm, o.CommuneInsee, o.Commune,
                    o.Networks.Any(m => m.NetworkId == networkId && m.IsMember),
                    o.Activities.OrderBy(a => a.Position).Select(a => a.Label).ToList()),
                o.Description,
            })
            .ToListAsync(ct);

        var words = SearchText.QueryWords(query.Text);
        var communes = query.Territory is { Length: > 0 } t ? CommunesOf(t) : null;
        var activity = SearchText.Normalize(query.Activity);
        var matches = rows
            .Where(r => query.LegalForm is null || r.Summary.LegalForm == query.LegalForm)
            .Where(r => query.Member is null || r.Summary.Member == query.Member)
            .Where(r => communes is null || (r.Summary.CommuneInsee is { } c && communes.Contains(c)))
            .Where(r => activity.Length == 0 || r.Summary.Activities.Any(a => SearchText.Normalize(a) == activity))
            .Select(r => (r.Summary, Score: words.Count == 0 ? 0 : Score(words, r.Summary, r.Description)))
            .Where(r => words.Count == 0 || r.Score > 0)
            .OrderByDescending(r => r.Score)
            .ThenBy(r => r.Summary.Name, StringComparer.Create(Infrastructure.Web.WebModule.French, ignoreCase: true))
            .Select(r => r.Summary)
            .ToList();
        var items = matches.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
        return new OrganizationPage(matches.Count, query.Page, query.PageSize, items);
    }

    HashSet<string>? CommunesOf(string territory) => territory.Length switch
    {
        5 => territories.FindCommune(territory) is { } commune ? [commune.Code] : [],
        9 => territories.FindEpci(territory)?.CommuneCodes.ToHashSet() ?? [],
        _ => territories.CommunesOfDepartement(territory).Select(c => c.Code).ToHashSet(),
    };

    static int Score(IReadOnlyList<string> words, OrganizationSummary o, string? description)
    {
        var name = SearchText.Normalize(o.Name).Split(' ');
        var tags = SearchText.Normalize(string.Join(' ', o.Activities)).Split(' ');
        var body = SearchText.Normalize(description).Split(' ');
        var score = 0;
        foreach (var word in words)
        {
            if (name.Any(w => w.StartsWith(word, StringComparison.Ordinal))) score += 4;
            else if (tags.Any(w => w.StartsWith(word, StringComparison.Ordinal))) score += 2;
            else if (body.Contains(word)) score += 1;
        }
        return score;
    }
}

public sealed record DirectoryQuery(string? Text, string? LegalForm, string? Territory, string? Activity, bool? Member, int Page, int PageSize);

public sealed record OrganizationPage(int Total, int Page, int PageSize, IReadOnlyList<OrganizationSummary> Items);

public sealed record OrganizationSummary(
    Guid Id, string? ExternalId, string Name, string Kind, string? LegalForm, string? CommuneInsee, string? Commune,
    bool Member, IReadOnlyList<string> Activities);
