using System.Security.Claims;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Resources;

/// <summary>
/// The library's rules: who sees what (members-only resources for the people of member
/// organisations and the staff), who adds and changes resources (facilitators and admins), what
/// makes a resource (a file or a link, never both), and the search, with the listings' French analyser.
/// </summary>
public sealed class ResourceLibrary(ElBasarDbContext db, OrganizationAccess access, ThesaurusCache thesauri, TimeProvider clock)
{
    /// <summary>
    /// The most resources one search reads. The library is searched in memory, every request, with
    /// the shared analyser: simple and never out of step for a library of hundreds of documents.
    /// </summary>
    public const int MaxSearched = 5000;

    /// <summary>What is typed to add or change a resource, by the page or the API.</summary>
    public sealed record Fields(
        string? Title, string? Summary, string? Kind, IReadOnlyList<string> Themes, DateOnly? PublishedOn, string? Audience, string? Link, Guid? EventId = null);

    /// <summary>An upload that passed <see cref="DocumentCheck"/>: its safe name, its real type and its bytes.</summary>
    public sealed record CheckedFile(string Name, DocumentType Type, byte[] Bytes);

    /// <summary>A resource as lists, pages and the API show it, without its file's bytes.</summary>
    public sealed record Item(
        Guid Id, string Title, string Summary, ResourceKind Kind, IReadOnlyList<string> Themes, DateOnly PublishedOn, ResourceAudience Audience,
        string? Link, string? FileName, string? FileContentType, int? FileSize, DateTime CreatedAt, Guid? EventId);

    public sealed record Query(string? Text, ResourceKind? Kind, string? Theme);

    /// <summary>Facilitators and admins keep the library; members send their documents to them.</summary>
    public static bool MayManage(ClaimsPrincipal user) => AccountPolicies.IsStaff(user);

    /// <summary>The staff, and the people of organisations that are members of the network.</summary>
    public async Task<bool> SeesMembersOnlyAsync(ClaimsPrincipal user, CancellationToken ct) =>
        AccountPolicies.IsStaff(user)
        || OrganizationAccess.UserIdOf(user) is { } userId && (await access.OrganizationsOfAsync(userId, ct)).Any(o => o.Member);

    /// <summary>Checks the fields, keyed by the API's field names; empty when they make a resource.</summary>
    public static Dictionary<string, string[]> Check(Fields f, bool newFile, bool keepsFile)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];
        if (f.Title?.Trim() is not { Length: > 0 and <= 200 }) Add("title", "Donnez un titre (200 caractères au plus).");
        if (f.Summary?.Trim().Length > 2000) Add("summary", "Le résumé est trop long (2 000 caractères au plus).");
        if (!ResourceWords.TryParseKind(f.Kind, out _)) Add("kind", "Choisissez le genre de document.");
        if (f.Themes.Any(t => !ResourceThemes.Exists(t))) Add("themes", "Choisissez les thèmes dans la liste.");
        if (f.PublishedOn is null) Add("publishedOn", "Indiquez la date du document (jj/mm/aaaa).");
        if (f.Audience is not ("public" or "members")) Add("audience", "Dites qui peut consulter le document.");
        var link = f.Link?.Trim();
        if (!string.IsNullOrEmpty(link))
        {
            if (newFile) Add("link", "Donnez soit un fichier, soit un lien, pas les deux.");
            else if (!IsWebAddress(link)) Add("link", "Le lien doit être une adresse web complète, commençant par http:// ou https://.");
        }
        else if (!newFile && !keepsFile) Add("file", "Joignez un fichier, ou donnez un lien vers le document.");
        return errors;
    }

    static bool IsWebAddress(string link) =>
        link.Length <= 2000 && Uri.TryCreate(link, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;

    /// <summary>Adds the resource; the fields must have passed <see cref="Check"/>.</summary>
    public async Task<Resource> CreateAsync(ClaimsPrincipal user, Fields f, CheckedFile? file, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var resource = new Resource { Title = "", AddedByUserId = OrganizationAccess.UserIdOf(user), CreatedAt = now };
        db.Add(resource);
        await ApplyAsync(resource, f, file, now, ct);
        await db.SaveChangesAsync(ct);
        return resource;
    }

    public async Task UpdateAsync(Resource resource, Fields f, CheckedFile? file, CancellationToken ct)
    {
        await ApplyAsync(resource, f, file, clock.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
    }

    public Task RemoveAsync(Guid id, CancellationToken ct) => db.Set<Resource>().Where(r => r.Id == id).ExecuteDeleteAsync(ct);

    async Task ApplyAsync(Resource r, Fields f, CheckedFile? file, DateTime now, CancellationToken ct)
    {
        ResourceWords.TryParseKind(f.Kind, out var kind);
        r.Title = f.Title!.Trim();
        r.Summary = f.Summary?.Trim() ?? "";
        r.Kind = kind;
        r.PublishedOn = f.PublishedOn!.Value;
        r.Audience = f.Audience == "members" ? ResourceAudience.Members : ResourceAudience.Public;
        r.EventId = f.EventId;
        r.UpdatedAt = now;
        var themes = f.Themes.Distinct().ToHashSet();
        r.Themes.RemoveAll(t => !themes.Contains(t.Theme));
        foreach (var theme in themes.Where(t => r.Themes.All(x => x.Theme != t)).Order()) r.Themes.Add(new ResourceTheme { ResourceId = r.Id, Theme = theme });

        var stored = await db.Set<ResourceFile>().SingleOrDefaultAsync(x => x.ResourceId == r.Id, ct);
        if (file is not null)
        {
            (r.Link, r.FileName, r.FileContentType, r.FileSize) = (null, file.Name, file.Type.ContentType, file.Bytes.Length);
            if (stored is null) db.Add(new ResourceFile { ResourceId = r.Id, Bytes = file.Bytes });
            else stored.Bytes = file.Bytes;
        }
        else if (f.Link?.Trim() is { Length: > 0 } link)
        {
            (r.Link, r.FileName, r.FileContentType, r.FileSize) = (link, null, null, null);
            if (stored is not null) db.Remove(stored);
        }
    }

    /// <summary>The resource with its themes, for those who manage it.</summary>
    public Task<Resource?> FindAsync(Guid id, CancellationToken ct) =>
        db.Set<Resource>().Include(r => r.Themes).SingleOrDefaultAsync(r => r.Id == id, ct);

    IQueryable<Item> Summaries(IQueryable<Resource> resources) => resources.Select(r => new Item(
        r.Id, r.Title, r.Summary, r.Kind, r.Themes.OrderBy(t => t.Theme).Select(t => t.Theme).ToList(), r.PublishedOn, r.Audience,
        r.Link, r.FileName, r.FileContentType, r.FileSize, r.CreatedAt, r.EventId));

    /// <summary>The documents of an event the person may see, newest first.</summary>
    public async Task<List<Item>> ForEventAsync(ClaimsPrincipal user, Guid eventId, CancellationToken ct)
    {
        var resources = db.Set<Resource>().AsNoTracking().Where(r => r.EventId == eventId);
        if (!await SeesMembersOnlyAsync(user, ct)) resources = resources.Where(r => r.Audience == ResourceAudience.Public);
        return await Summaries(resources.OrderByDescending(r => r.PublishedOn).ThenBy(r => r.Title)).ToListAsync(ct);
    }

    /// <summary>The events a document may belong to, most recent first: those of the last two years and the ones to come.</summary>
    public async Task<List<(Guid Id, string Title, DateTime StartsAt)>> EventChoicesAsync(CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddYears(-2);
        var rows = await db.Set<Events.Event>().AsNoTracking().Where(e => e.StartsAt >= since).OrderByDescending(e => e.StartsAt)
            .Select(e => new { e.Id, e.Title, e.StartsAt }).Take(200).ToListAsync(ct);
        return rows.Select(e => (e.Id, e.Title, e.StartsAt)).ToList();
    }

    /// <summary>One resource, if the person may see it; and whether it exists but is for members only.</summary>
    public async Task<(Item? Resource, bool MembersOnly)> FindVisibleAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var found = await Summaries(db.Set<Resource>().AsNoTracking().Where(r => r.Id == id)).SingleOrDefaultAsync(ct);
        if (found is null) return (null, false);
        if (found.Audience == ResourceAudience.Members && !await SeesMembersOnlyAsync(user, ct)) return (null, true);
        return (found, false);
    }

    /// <summary>
    /// The resources the person may see that match the query: newest first without words; with
    /// words, analysed as the listings' search does (accents, plurals, synonyms, typos corrected
    /// towards the library's own words) and ranked by <see cref="ListingRanking"/>.
    /// </summary>
    public async Task<List<Item>> SearchAsync(Query query, bool membersToo, CancellationToken ct)
    {
        var visible = await Summaries(db.Set<Resource>().AsNoTracking().Where(r => membersToo || r.Audience == ResourceAudience.Public)
                .OrderByDescending(r => r.PublishedOn).ThenByDescending(r => r.CreatedAt).Take(MaxSearched))
            .ToListAsync(ct);
        var filtered = visible.Where(r => (query.Kind is null || r.Kind == query.Kind) && (query.Theme is null || r.Themes.Contains(query.Theme))).ToList();
        if (string.IsNullOrWhiteSpace(query.Text)) return filtered;

        // The vocabulary is what the person may see, so a correction never hints at a members-only word.
        var documents = visible.ToDictionary(r => r.Id, Document);
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (title, body) in documents.Values)
        {
            foreach (var stem in $"{title} {body}".Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct())
                frequency[stem] = frequency.GetValueOrDefault(stem) + 1;
        }
        var vocabulary = new SearchVocabulary(frequency, visible.Count);
        var analyzed = SearchAnalyzer.AnalyzeQuery(query.Text, await thesauri.GetAsync(ct), vocabulary);
        if (!analyzed.HasText) return filtered;
        var ranking = new ListingRanking(analyzed, vocabulary, clock.GetUtcNow().UtcDateTime);
        return filtered
            .Select(r => (Resource: r, Doc: documents[r.Id]))
            .Where(x => Holds(analyzed, x.Doc))
            .Select(x => (x.Resource, Score: ranking.Score(new ListingRanking.Candidate(
                x.Resource.Id, x.Doc.Title, x.Doc.Body, "", x.Resource.PublishedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), null))))
            .OrderByDescending(x => x.Score).ThenByDescending(x => x.Resource.PublishedOn).ThenByDescending(x => x.Resource.CreatedAt)
            .Select(x => x.Resource)
            .ToList();
    }

    // A resource is found when it holds one concept whole, in one of its ways of being said: the
    // listings' index also takes a part of a synonym phrase ("installation" for "électricité"), which
    // in a small library brings more noise than it finds.
    static bool Holds(AnalyzedQuery query, (string Title, string Body) doc)
    {
        var words = $"{doc.Title} {doc.Body}".Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return query.Concepts.Any(c => c.Alternatives.Any(a => a.Stems.All(words.Contains)));
    }

    // Title apart (it weighs more); the summary, the themes' and the kind's words in the body.
    static (string Title, string Body) Document(Item r) => (
        SearchAnalyzer.AnalyzeDocument(r.Title),
        SearchAnalyzer.AnalyzeDocument($"{r.Summary} {string.Join(' ', r.Themes.Select(ResourceThemes.Label))} {ResourceWords.Label(r.Kind)}"));
}
