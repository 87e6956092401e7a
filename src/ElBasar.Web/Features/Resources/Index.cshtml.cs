using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Resources;

/// <summary>The library: newest first, filtered by kind and theme, searched with the listings' French analyser.</summary>
public sealed class ResourcesIndexModel(ResourceLibrary library) : PageModel
{
    public const int PageSize = 30;

    public string? Q { get; private set; }
    public ResourceKind? Kind { get; private set; }
    public string? Theme { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;
    public int Total { get; private set; }
    public IReadOnlyList<ResourceLibrary.Item> Items { get; private set; } = [];
    public bool MayManage { get; private set; }
    public bool SeesMembersOnly { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync(string? q, string? kind, string? theme, int? page, string? fait, CancellationToken ct)
    {
        Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim()[..Math.Min(q.Trim().Length, 200)];
        Kind = ResourceWords.TryParseKind(kind, out var k) ? k : null;
        Theme = ResourceThemes.Exists(theme) ? theme : null;
        MayManage = ResourceLibrary.MayManage(User);
        SeesMembersOnly = await library.SeesMembersOnlyAsync(User, ct);
        var all = await library.SearchAsync(new ResourceLibrary.Query(Q, Kind, Theme), SeesMembersOnly, ct);
        Total = all.Count;
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(page ?? 1, 1, PageCount);
        Items = all.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        Message = fait == "retiree" ? "La ressource a été retirée de la bibliothèque." : null;
    }

    public string PageUrl(int page)
    {
        var parts = new List<string>();
        if (Q is not null) parts.Add($"q={Uri.EscapeDataString(Q)}");
        if (Kind is { } kind) parts.Add($"kind={ResourceWords.Slug(kind)}");
        if (Theme is not null) parts.Add($"theme={Theme}");
        if (page > 1) parts.Add($"page={page}");
        return "/ressources" + (parts.Count > 0 ? "?" + string.Join('&', parts) : "");
    }
}
