using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Features.Search;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Administration.Thesaurus;

/// <summary>The search's synonym groups: find, add, change, remove. The next search uses them (Search/ThesaurusEditor.cs).</summary>
[Authorize(Roles = SiteRoles.Admin)]
public sealed class ThesaurusPageModel(ThesaurusEditor editor, AuditLog audit) : PageModel
{
    public IReadOnlyList<SynonymGroup> Groups { get; private set; } = [];
    public int Total { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>What was typed in a refused form, by field id.</summary>
    public Dictionary<string, string?> Typed { get; } = [];
    public string? Done { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Done = TempData[nameof(Done)] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAddAsync(string? terms, CancellationToken ct)
    {
        var (checkedTerms, refusal) = await editor.CheckAsync(terms, null, ct);
        if (checkedTerms is null) return await RefuseAsync("new-group", refusal!, terms, ct);
        var group = await editor.AddAsync(checkedTerms, ct);
        await editor.SaveAsync(ct);
        await audit.RecordAsync(AuditActions.ThesaurusAdded, AuditSubjects.SynonymGroup, group.Id.ToString(), $"Synonymes ajoutés : {checkedTerms}.", null, ct);
        return Saved($"Le groupe « {checkedTerms} » est enregistré : la recherche s'en sert dès maintenant.");
    }

    public async Task<IActionResult> OnPostUpdateAsync(int id, string? terms, CancellationToken ct)
    {
        if (await editor.FindAsync(id, ct) is not { } group) return NotFound();
        var (checkedTerms, refusal) = await editor.CheckAsync(terms, id, ct);
        if (checkedTerms is null) return await RefuseAsync($"group-{id}", refusal!, terms, ct);
        if (checkedTerms == group.Terms) return Saved("Rien n'a changé.");
        var before = group.Terms;
        await editor.UpdateAsync(group, checkedTerms, ct);
        await audit.AddAsync(AuditActions.ThesaurusUpdated, AuditSubjects.SynonymGroup, id.ToString(),
            $"Synonymes modifiés : « {before} » → « {checkedTerms} ».", new { before, after = checkedTerms }, ct);
        await editor.SaveAsync(ct);
        return Saved($"Le groupe « {checkedTerms} » est enregistré : la recherche s'en sert dès maintenant.");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken ct)
    {
        if (await editor.FindAsync(id, ct) is not { } group) return NotFound();
        editor.Remove(group);
        await audit.AddAsync(AuditActions.ThesaurusRemoved, AuditSubjects.SynonymGroup, id.ToString(), $"Synonymes retirés : {group.Terms}.", null, ct);
        await editor.SaveAsync(ct);
        return Saved($"Le groupe « {group.Terms} » est retiré.");
    }

    async Task<IActionResult> RefuseAsync(string field, string refusal, string? typed, CancellationToken ct)
    {
        Errors[field] = refusal;
        Typed[field] = typed;
        await LoadAsync(ct);
        return Page();
    }

    IActionResult Saved(string done)
    {
        TempData[nameof(Done)] = done;
        return Redirect(Q is { Length: > 0 } q ? $"/admin/thesaurus?q={Uri.EscapeDataString(q)}" : "/admin/thesaurus");
    }

    async Task LoadAsync(CancellationToken ct)
    {
        var all = await editor.ListAsync(ct);
        Total = all.Count;
        var q = Q?.Trim();
        Groups = q is { Length: > 0 }
            ? all.Where(g => g.Terms.Contains(q, StringComparison.CurrentCultureIgnoreCase)).ToList()
            : all;
    }
}
