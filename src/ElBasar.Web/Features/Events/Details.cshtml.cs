using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Events;

/// <summary>An event's page: what, when, where, who comes; one-click registration, and after it the minutes.</summary>
public sealed class EventDetailsModel(
    EventCatalog catalog, EventRegistrations registrations, Resources.ResourceLibrary library, ElBasarDbContext db, OrganizationAccess access, TimeProvider clock)
    : PageModel
{
    /// <summary>The event's documents in the library (slides, photos, attendance sheet), those the person may see.</summary>
    public IReadOnlyList<Resources.ResourceLibrary.Item> Documents { get; private set; } = [];

    public Event Event { get; private set; } = null!;

    /// <summary>The network it was announced in, named when the installation has several.</summary>
    public string? NetworkName { get; private set; }
    public int Registered { get; private set; }
    public int Waitlisted { get; private set; }
    public bool IsPast { get; private set; }
    public bool MayManage { get; private set; }
    public bool MayRegister { get; private set; }
    public EventRegistration? Mine { get; private set; }
    public IReadOnlyList<UserOrganization> MyOrganizations { get; private set; } = [];
    public string? Message { get; private set; }

    [BindProperty] public Guid? AsOrganizationId { get; set; }
    [BindProperty] public string? VisitorName { get; set; }
    [BindProperty] public string? VisitorEmail { get; set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? fait, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Message = fait switch
        {
            "inscrit" => Mine?.Status == RegistrationStatus.Waitlisted ? "C'est complet : vous êtes sur la liste d'attente. Nous vous écrirons si une place se libère."
                : "Vous êtes inscrit·e. Ajoutez le rendez-vous à votre agenda !",
            "visiteur" => "C'est noté : vous recevrez un rappel la veille, avec un lien pour annuler si besoin.",
            "attente" => "C'est complet : vous êtes sur la liste d'attente. Nous vous écrirons si une place se libère.",
            "annule" => "Votre inscription est annulée.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostRegisterAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        EventRegistrations.Registrant who;
        if (OrganizationAccess.UserIdOf(User) is { } userId)
        {
            var account = await db.Set<User>().AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.DisplayName }).SingleAsync(ct);
            var name = account.DisplayName;
            if (AsOrganizationId is { } org && MyOrganizations.FirstOrDefault(o => o.Id == org) is { } mine) name = $"{account.DisplayName} ({mine.Name})";
            who = new(userId, AsOrganizationId, name, account.Email!);
        }
        else
        {
            if (Event.Audience != EventAudience.Everyone) return Challenge();
            who = new(null, null, VisitorName ?? "", VisitorEmail ?? "");
        }
        var outcome = await registrations.RegisterAsync(id, who, AccountPolicies.IsStaff(User), ct);
        switch (outcome.Refusal)
        {
            case EventRegistrations.Refusal.None:
                var done = who.UserId is null ? (outcome.Registration!.Status == RegistrationStatus.Waitlisted ? "attente" : "visiteur") : "inscrit";
                return RedirectToPage(new { id, fait = done });
            case EventRegistrations.Refusal.NotFound:
                return NotFound();
            default:
                Problem = outcome.Refusal switch
                {
                    EventRegistrations.Refusal.Past => "Ce rendez-vous a déjà eu lieu.",
                    EventRegistrations.Refusal.MembersOnly => "Ce rendez-vous est réservé aux membres du réseau.",
                    EventRegistrations.Refusal.NotYourOrganization => "Vous ne pouvez pas inscrire cette structure.",
                    _ => "Indiquez votre nom et une adresse e-mail valable.",
                };
                return Page();
        }
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(User) is null) return Challenge();
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Mine is not null) await registrations.CancelAsync(Mine.Id, ct);
        return RedirectToPage(new { id, fait = "annule" });
    }

    async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await catalog.FindAsync(id, ct) is not { } ev) return false;
        Event = ev;
        if (await db.Networks.CountAsync(ct) > 1) NetworkName = await db.Networks.Where(n => n.Id == ev.NetworkId).Select(n => n.Name).SingleAsync(ct);
        var counts = await db.Set<EventRegistration>().Where(r => r.EventId == id && r.Status != RegistrationStatus.Cancelled)
            .GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        Registered = counts.Where(c => c.Key == RegistrationStatus.Registered).Sum(c => c.Count);
        Waitlisted = counts.Where(c => c.Key == RegistrationStatus.Waitlisted).Sum(c => c.Count);
        IsPast = ev.StartsAt <= clock.GetUtcNow().UtcDateTime;
        MayManage = await catalog.MayManageAsync(User, ev, ct);
        Documents = await library.ForEventAsync(User, id, ct);
        if (OrganizationAccess.UserIdOf(User) is { } userId)
        {
            Mine = await db.Set<EventRegistration>().AsNoTracking()
                .SingleOrDefaultAsync(r => r.EventId == id && r.UserId == userId && r.Status != RegistrationStatus.Cancelled, ct);
            MyOrganizations = await access.OrganizationsOfAsync(userId, ct);
            MayRegister = ev.Audience == EventAudience.Everyone || await registrations.IsMemberAsync(userId, AccountPolicies.IsStaff(User), ev.NetworkId, ct);
        }
        else MayRegister = ev.Audience == EventAudience.Everyone;
        return true;
    }
}
