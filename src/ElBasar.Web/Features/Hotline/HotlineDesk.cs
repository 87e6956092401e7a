using System.Net;
using System.Text.RegularExpressions;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Messaging;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Hotline;

/// <summary>A listing or an organisation named by a facilitator, by id or by its address on the site.</summary>
public sealed record HotlineReference(Guid? ListingId, Guid OrganizationId, string Title);

/// <summary>Who acts at the desk, as the journal keeps it.</summary>
public sealed record Facilitator(Guid Id, string Name);

/// <summary>
/// The facilitators' desk: requests come in, are assigned, answered with suggestions or a
/// conversation, and closed with an outcome. Each step is a journal line with the minutes it took.
/// </summary>
public sealed partial class HotlineDesk(ElBasarDbContext db, Outbox outbox, Conversations conversations, TimeProvider clock)
{
    public async Task<HotlineRequest> SubmitAsync(HotlineRequest request, string baseUrl, CancellationToken ct)
    {
        request.CreatedAt = clock.GetUtcNow().UtcDateTime;
        db.HotlineRequests.Add(request);
        if (request.Email is { } email)
            Mail(email, request.Name, "Votre demande est bien arrivée",
                $"Bonjour {request.Name},\n\nL'équipe d'animation du réseau a bien reçu votre demande :\n\n{request.What}\n\nElle cherche pour vous et vous répond par e-mail"
                + (request.RequesterId is null ? "." : $" et dans votre espace :\n{baseUrl}/espace"),
                $"hotline-received:{request.Id}");
        await db.SaveChangesAsync(ct);
        return request;
    }

    public async Task AssignAsync(HotlineRequest request, Guid assigneeId, string assigneeName, Facilitator by, CancellationToken ct)
    {
        request.AssignedToId = assigneeId;
        Journal(request, by, HotlineEntryKind.Assigned, assigneeId == by.Id ? "Prise en charge." : $"Confiée à {assigneeName}.", 0);
        await db.SaveChangesAsync(ct);
    }

    public async Task NoteAsync(HotlineRequest request, string? text, int minutes, Facilitator by, CancellationToken ct)
    {
        Journal(request, by, HotlineEntryKind.Note, text, minutes);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sends the listings and organisations to the requester by mail; a signed-in requester also finds them in their space.</summary>
    public async Task SuggestAsync(HotlineRequest request, IReadOnlyList<HotlineReference> references, string? note, int minutes, Facilitator by, string baseUrl, CancellationToken ct)
    {
        var entry = Journal(request, by, HotlineEntryKind.Suggestion, note, minutes);
        var now = clock.GetUtcNow().UtcDateTime;
        var suggestions = references.Select(r => new HotlineSuggestion
        {
            RequestId = request.Id, EntryId = entry.Id, ListingId = r.ListingId, OrganizationId = r.ListingId is null ? r.OrganizationId : null,
            Title = r.Title.Length > 200 ? r.Title[..200] : r.Title, CreatedAt = now,
        }).ToList();
        db.HotlineSuggestions.AddRange(suggestions);
        if (await EmailOfAsync(request, ct) is { } email)
        {
            var lines = string.Join("\n", suggestions.Select(s => $"- {s.Title} : {baseUrl}{s.Path}"));
            Mail(email, request.Name, "Des pistes pour votre demande",
                $"Bonjour {request.Name},\n\nVous avez demandé : « {Short(request.What)} ».\n\n{by.Name}, de l'équipe d'animation du réseau, vous propose :\n{lines}"
                + (string.IsNullOrWhiteSpace(note) ? "" : $"\n\n{note.Trim()}")
                + (request.RequesterId is null ? "" : $"\n\nVous retrouvez ces pistes dans votre espace :\n{baseUrl}/espace"),
                $"hotline-suggestion:{entry.Id}");
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Opens a conversation between the requester (who needs an account) and the organisation, with the facilitator's introduction.</summary>
    public async Task<Conversation> IntroduceAsync(HotlineRequest request, HotlineReference to, string introduction, int minutes, Facilitator by, string baseUrl, CancellationToken ct)
    {
        Journal(request, by, HotlineEntryKind.Introduction, introduction, minutes);
        var name = await db.Organizations.Where(o => o.Id == to.OrganizationId).Select(o => o.Name).FirstAsync(ct);
        var target = new ContactTarget(to.OrganizationId, name, to.ListingId, to.ListingId is null ? $"Mise en relation : {Short(request.What)}" : to.Title);
        return await conversations.IntroduceAsync(request.RequesterId!.Value, target, by.Id, introduction, baseUrl, ct);
    }

    public async Task CloseAsync(HotlineRequest request, HotlineStatus outcome, string? note, int minutes, Facilitator by, CancellationToken ct)
    {
        request.Status = outcome;
        request.ClosedAt = clock.GetUtcNow().UtcDateTime;
        Journal(request, by, HotlineEntryKind.Closed, string.IsNullOrWhiteSpace(note) ? HotlineLabels.Of(outcome) + "." : $"{HotlineLabels.Of(outcome)}. {note.Trim()}", minutes);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Reads listings and organisations out of what a facilitator pasted: ids or addresses such as
    /// <c>https://…/annonces/{id}</c>, one or more per line. Unknown or hidden ones are returned apart.
    /// </summary>
    public async Task<(List<HotlineReference> Found, List<string> Unknown)> ResolveAsync(string? text, CancellationToken ct)
    {
        var found = new List<HotlineReference>();
        var unknown = new List<string>();
        foreach (var token in (text ?? "").Split((char[])[' ', '\n', '\r', '\t', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var match = Reference().Match(token);
            if (!match.Success || !Guid.TryParse(match.Groups["id"].Value, out var id)) { unknown.Add(token); continue; }
            var kind = match.Groups["kind"].Value;
            HotlineReference? reference = null;
            if (kind is "" or "annonces")
                reference = await db.Listings.AsNoTracking()
                    .Where(l => l.Id == id && l.Status == ListingStatus.Published && l.Organization!.Status == OrganizationStatus.Active)
                    .Select(l => new HotlineReference(l.Id, l.OrganizationId, l.Title)).FirstOrDefaultAsync(ct);
            if (reference is null && kind is "" or "structures")
                reference = await db.Organizations.AsNoTracking().Where(o => o.Id == id && o.Status == OrganizationStatus.Active)
                    .Select(o => new HotlineReference(null, o.Id, o.Name)).FirstOrDefaultAsync(ct);
            if (reference is null) unknown.Add(token);
            else if (!found.Contains(reference)) found.Add(reference);
        }
        return (found, unknown);
    }

    [GeneratedRegex(@"^(?:.*/(?<kind>annonces|structures)/)?(?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:[/?#].*)?$")]
    private static partial Regex Reference();

    HotlineEntry Journal(HotlineRequest request, Facilitator by, HotlineEntryKind kind, string? text, int minutes)
    {
        var entry = new HotlineEntry
        {
            RequestId = request.Id, AuthorId = by.Id, AuthorName = by.Name.Length > 200 ? by.Name[..200] : by.Name, Kind = kind,
            Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim(), Minutes = minutes, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.HotlineEntries.Add(entry);
        return entry;
    }

    // A signed-in requester is answered at their account's current address.
    async Task<string?> EmailOfAsync(HotlineRequest request, CancellationToken ct) =>
        request.RequesterId is { } id
            ? await db.Set<User>().Where(u => u.Id == id).Select(u => u.Email).FirstOrDefaultAsync(ct) ?? request.Email
            : request.Email;

    void Mail(string email, string name, string subject, string text, string key)
    {
        var paragraphs = text.Split("\n\n").Select(p => $"<p>{WebUtility.HtmlEncode(p).Replace("\n", "<br>")}</p>");
        var html = $"""
            <!DOCTYPE html><html lang="fr"><body style="font-family:sans-serif;line-height:1.5">
            {string.Join("\n", paragraphs)}
            </body></html>
            """;
        outbox.Add(new EmailMessage(new EmailAddress(email, MessagingMails.OneLine(name)), subject, text, html) { Key = key });
    }

    static string Short(string text) => text.Length <= 120 ? text : text[..119] + "…";
}
