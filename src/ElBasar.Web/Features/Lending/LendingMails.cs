using System.Net;
using System.Net.Mail;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Email;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Features.Lending;

/// <summary>
/// The lending mails, in French, queued in the caller's unit of work. Each key names the event, the
/// reservation and the recipient, so a retried request or a second run of the reminder job never
/// sends one twice.
/// </summary>
public sealed class LendingMails(ElBasarDbContext db, Outbox outbox, IOptions<SiteOptions> site, IServer server)
{
    public string BaseUrl => (site.Value.BaseUrl is { Length: > 0 } configured ? configured
        : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000").TrimEnd('/');

    public string ReservationLink(Guid id) => $"{BaseUrl}/pret/reservations/{id}";

    /// <summary>Queues one mail to each of the lender's people (or its contact address when it has nobody).</summary>
    public async Task ToLenderAsync(Reservation r, string kind, string subject, string body, CancellationToken ct)
    {
        var item = await ItemOfAsync(r, ct);
        foreach (var (to, who) in await LenderRecipientsAsync(item.OrganizationId, ct))
            Queue(to, subject, body, ReservationLink(r.Id), $"lending:{kind}:{r.Id:N}:{who}");
    }

    /// <summary>Queues the mail to the person who asked for the reservation.</summary>
    public async Task ToBorrowerAsync(Reservation r, string kind, string subject, string body, CancellationToken ct)
    {
        if (r.RequestedById is not { } userId) return;
        var user = await db.Set<User>().AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.DisplayName }).SingleOrDefaultAsync(ct);
        if (user?.Email is not { } email || !IsAddress(email)) return;
        Queue(new EmailAddress(email, user.DisplayName), subject, body, ReservationLink(r.Id), $"lending:{kind}:{r.Id:N}:{userId:N}");
    }

    public async Task<(string Title, string Lender)> NamesAsync(Reservation r, CancellationToken ct)
    {
        var item = await ItemOfAsync(r, ct);
        return (item.Title, item.Lender);
    }

    async Task<ItemNames> ItemOfAsync(Reservation r, CancellationToken ct)
    {
        var organizations = db.Set<Organization>();
        return await db.LendingItems.AsNoTracking().Where(i => i.Id == r.ItemId)
            .Select(i => new ItemNames(i.OrganizationId, i.Listing!.Title, organizations.Where(o => o.Id == i.OrganizationId).Select(o => o.Name).First()))
            .SingleAsync(ct);
    }

    sealed record ItemNames(Guid OrganizationId, string Title, string Lender);

    async Task<List<(EmailAddress To, string Who)>> LenderRecipientsAsync(Guid organizationId, CancellationToken ct)
    {
        var people = await (from m in db.OrganizationMembers.AsNoTracking()
                            join u in db.Set<User>() on m.UserId equals u.Id
                            where m.OrganizationId == organizationId && u.Email != null
                            orderby m.Role, u.Email
                            select new { u.Id, u.Email, u.DisplayName }).ToListAsync(ct);
        var recipients = people.Where(p => IsAddress(p.Email!)).Select(p => (new EmailAddress(p.Email!, p.DisplayName), p.Id.ToString("N"))).ToList();
        if (recipients.Count == 0)
        {
            var org = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => new { o.Email, o.Name }).SingleAsync(ct);
            if (org.Email is { } contact && IsAddress(contact)) recipients.Add((new EmailAddress(contact, org.Name), "contact"));
        }
        return recipients;
    }

    void Queue(EmailAddress to, string subject, string body, string link, string key)
    {
        var hello = string.IsNullOrWhiteSpace(to.DisplayName) ? "Bonjour," : $"Bonjour {to.DisplayName},";
        var text = $"{hello}\n\n{body}\n\nLe détail et les actions possibles :\n{link}\n\nVous recevez ce message parce que vous prêtez ou empruntez du matériel sur elBasar.";
        var paragraphs = text.Split("\n\n").Select(p => $"<p>{WebUtility.HtmlEncode(p).Replace("\n", "<br>")}</p>");
        var html = $"""
            <!DOCTYPE html><html lang="fr"><body style="font-family:sans-serif;line-height:1.5">
            {string.Join("\n", paragraphs)}
            <p><a href="{WebUtility.HtmlEncode(link)}" style="background:#0b5d4b;color:#fff;padding:.6em 1em;text-decoration:none;border-radius:4px">Voir la réservation</a></p>
            </body></html>
            """;
        outbox.Add(new EmailMessage(to with { DisplayName = to.DisplayName is null ? null : OneLine(to.DisplayName) }, OneLine(subject), text, html) { Key = key });
    }

    static bool IsAddress(string text) => MailAddress.TryCreate(text, out var address) && address.Address == text;

    static string OneLine(string text)
    {
        var line = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return line.Length > EmailMessage.MaxSubjectLength ? line[..EmailMessage.MaxSubjectLength] : line;
    }
}
