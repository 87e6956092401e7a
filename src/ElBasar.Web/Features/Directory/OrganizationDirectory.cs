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
    /// The words are matched in memory, so that they ignore accents and case exactly as listing search
    /// does, and the names sorted in French order. Without words or an activity, only the short columns
    /// are read and the page's activities afterwards: at 100,000 organisations, reading every
    /// description and activity made each directory page take seconds (a page of every item, which other
    /// features ask for, reads them with the rest). The legal form and the
    /// membership are filtered by the database.
    /// </summary>
    public async Task<OrganizationPage> SearchAsync(DirectoryQuery query, CancellationToken ct)
    {
        var networkId = await network.IdAsync(ct);
        var words = SearchText.QueryWords(query.Text);
        var activity = SearchText.Normalize(query.Activity);
        var communes = query.Territory is { Length: > 0 } t ? CommunesOf(t) : null;
        var active = db.Organizations.AsNoTracking().Where(o => o.Status == OrganizationStatus.Active);
        if (query.LegalForm is { } legalForm) active = active.Where(o => o.LegalForm == legalForm);
        if (query.Member is { } member) active = active.Where(o => o.Networks.Any(m => m.NetworkId == networkId && m.IsMember) == member);
        var french = StringComparer.Create(Infrastructure.Web.WebModule.French, ignoreCase: true);
        var skip = (long)(query.Page - 1) * query.PageSize;

        if (words.Count == 0 && activity.Length == 0 && query.PageSize <= MaxPageSize)
        {
            var rows = (await active
                .Select(o => new OrganizationSummary(o.Id, o.ExternalId, o.Name, o.Kind == OrganizationKind.Individual ? "individual" : "organization",
                    o.LegalForm, o.CommuneInsee, o.Commune, o.Networks.Any(m => m.NetworkId == networkId && m.IsMember), Array.Empty<string>()))
                .ToListAsync(ct))
                .Where(r => communes is null || (r.CommuneInsee is { } c && communes.Contains(c)))
                .ToList();
            // Ordered then cut: only the page's names are sorted in full.
            var page = rows.OrderBy(r => r.Name, french).Skip((int)Math.Min(skip, int.MaxValue)).Take(query.PageSize).ToList();
            var ids = page.Select(r => r.Id).ToList();
            var activities = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id))
                .Select(o => new { o.Id, Labels = o.Activities.OrderBy(a => a.Position).Select(a => a.Label).ToList() })
                .ToDictionaryAsync(o => o.Id, o => o.Labels, ct);
            return new OrganizationPage(rows.Count, query.Page, query.PageSize,
                page.Select(r => r with { Activities = activities.GetValueOrDefault(r.Id) ?? [] }).ToList());
        }

        var described = await active
            .Select(o => new
            {
                Summary = new OrganizationSummary(o.Id, o.ExternalId, o.Name, o.Kind == OrganizationKind.Individual ? "individual" : "organization",
                    o.LegalForm, o.CommuneInsee, o.Commune,
                    o.Networks.Any(m => m.NetworkId == networkId && m.IsMember),
                    o.Activities.OrderBy(a => a.Position).Select(a => a.Label).ToList()),
                o.Description,
            })
            .ToListAsync(ct);
        var matches = described
            .Where(r => communes is null || (r.Summary.CommuneInsee is { } c && communes.Contains(c)))
            .Where(r => activity.Length == 0 || r.Summary.Activities.Any(a => SearchText.Normalize(a) == activity))
            .Select(r => (r.Summary, Score: words.Count == 0 ? 0 : Score(words, r.Summary, r.Description)))
            .Where(r => words.Count == 0 || r.Score > 0)
            .ToList();
        var items = matches.OrderByDescending(r => r.Score).ThenBy(r => r.Summary.Name, french)
            .Skip((int)Math.Min(skip, int.MaxValue)).Take(query.PageSize).Select(r => r.Summary).ToList();
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
