using System.Globalization;
using ElBasar.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Features.Resources;

/// <summary>
/// Adding a resource to the library, changing it, removing it: facilitators and admins. The
/// request size limit comes from <see cref="ResourcesOptions"/> (set on this page by the module).
/// </summary>
[Authorize(Policy = AccountPolicies.Staff)]
public sealed class ResourceEditModel(ResourceLibrary library, IOptions<ResourcesOptions> options, TimeProvider clock) : PageModel
{
    public sealed class ResourceForm
    {
        public string? Title { get; set; }
        public string? Summary { get; set; }
        public string Kind { get; set; } = "guide";
        public List<string> Themes { get; set; } = [];
        public string? Date { get; set; }
        public string Audience { get; set; } = "public";
        public string? Link { get; set; }
        public string? Event { get; set; }
    }

    [BindProperty] public ResourceForm Input { get; set; } = new();
    public Guid? Id { get; private set; }

    /// <summary>The file the resource has now, when editing one: its name, type and size.</summary>
    public (string Name, string ContentType, int Size)? CurrentFile { get; private set; }

    public int MaxMegabytes => options.Value.MaxFileMegabytes;

    /// <summary>The events a document may belong to, for the choice on the form.</summary>
    public IReadOnlyList<(Guid Id, string Title, DateTime StartsAt)> EventChoices { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, Guid? evenement, CancellationToken ct)
    {
        EventChoices = await library.EventChoicesAsync(ct);
        if (id is { } existing)
        {
            if (await library.FindAsync(existing, ct) is not { } resource) return NotFound();
            Id = existing;
            Show(resource);
            Input = new ResourceForm
            {
                Title = resource.Title, Summary = resource.Summary, Kind = ResourceWords.Slug(resource.Kind),
                Themes = resource.Themes.Select(t => t.Theme).ToList(), Date = resource.PublishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Audience = ResourceWords.Slug(resource.Audience), Link = resource.Link, Event = resource.EventId?.ToString(),
            };
        }
        else
        {
            Input.Date = DateOnly.FromDateTime(Infrastructure.Web.Display.ToParis(clock.GetUtcNow().UtcDateTime)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            // "Ajouter un document" on an event's page.
            if (evenement is { } e && EventChoices.Any(c => c.Id == e))
                (Input.Event, Input.Kind) = (e.ToString(), "minutes");
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, IFormFile? file, CancellationToken ct)
    {
        Resource? resource = null;
        if (id is { } existing)
        {
            if ((resource = await library.FindAsync(existing, ct)) is null) return NotFound();
            Id = existing;
            Show(resource);
        }

        EventChoices = await library.EventChoicesAsync(ct);
        var (upload, refusal) = await ReadAsync(file, ct);
        var date = DateOnly.TryParseExact(Input.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
        Guid? eventId = Guid.TryParse(Input.Event, out var e) ? e : null;
        var fields = new ResourceLibrary.Fields(Input.Title, Input.Summary, Input.Kind, Input.Themes, date, Input.Audience, Input.Link, eventId);
        Errors = ResourceLibrary.Check(fields, newFile: upload is not null || refusal is not null, keepsFile: resource?.IsFile == true);
        if (refusal is not null) Errors["file"] = [refusal];
        if (!string.IsNullOrEmpty(Input.Event) && (eventId is null || EventChoices.All(c => c.Id != eventId)))
            Errors["event"] = ["Choisissez le rendez-vous dans la liste."];
        if (Errors.Count > 0) return Page();

        if (resource is null) resource = await library.CreateAsync(User, fields, upload, ct);
        else await library.UpdateAsync(resource, fields, upload, ct);
        return Redirect($"/ressources/{resource.Id}");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken ct)
    {
        if (await library.FindAsync(id, ct) is null) return NotFound();
        await library.RemoveAsync(id, ct);
        return Redirect("/ressources?fait=retiree");
    }

    // Read up to the limit and one byte more: a huge file costs no more than the limit.
    async Task<(ResourceLibrary.CheckedFile?, string?)> ReadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null) return (null, null);
        var max = options.Value.MaxFileBytes;
        var name = Path.GetFileName(file.FileName);
        string Refused(string message) => $"« {name} » : {message} Choisissez à nouveau le fichier : le reste de ce que vous avez saisi est gardé.";
        if (file.Length > max) return (null, Refused(DocumentCheck.TooLargeMessage(MaxMegabytes)));
        await using var stream = file.OpenReadStream();
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while (copy.Length <= max && (read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, max + 1 - copy.Length)), ct)) > 0)
            copy.Write(buffer, 0, read);
        var bytes = copy.ToArray();
        var verdict = DocumentCheck.Check(bytes, max, MaxMegabytes);
        return verdict.Type is { } type
            ? (new ResourceLibrary.CheckedFile(DocumentCheck.SafeFileName(file.FileName, type), type, bytes), null)
            : (null, Refused(verdict.Refusal!));
    }

    void Show(Resource resource)
    {
        if (resource.IsFile) CurrentFile = (resource.FileName!, resource.FileContentType!, resource.FileSize ?? 0);
    }

    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var m) ? m[0] : null;
}
