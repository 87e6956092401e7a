using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Events;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Events;

/// <summary>The event tests' shared moves: a site without the reminder worker, a facilitator, people, an event.</summary>
static class Eventing
{
    public const string BaseUrl = "https://elbasar.example.org";

    public static Task<TestApp> StartAsync(string provider) => TestApp.StartAsync(provider, new Dictionary<string, string?>
    {
        ["Site:BaseUrl"] = BaseUrl,
        ["Events:RemindersEnabled"] = "false",
    });

    /// <summary>Thursday 3 December 2026, 18:30 in Paris (17:30 UTC): after the test clock's default day.</summary>
    public static readonly DateTimeOffset Apero = new(2026, 12, 3, 18, 30, 0, TimeSpan.FromHours(1));

    public sealed record EventDto(Guid Id, string Title, string Kind, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Place,
        JsonElement? HostOrganization, int? Capacity, string Audience, int Registered, int Waitlisted, string Url, string CalendarUrl);

    public sealed record RegistrationDto(Guid Id, Guid EventId, string Status, string Name);

    public static async Task<HttpClient> FacilitatorAsync(TestApp app, string email = "animation@example.org")
    {
        await app.CreateAccountAsync(email, SiteRoles.Facilitator, "Nadia Animatrice");
        return await app.SignedInAsync(email);
    }

    /// <summary>
    /// A person of an organisation, with a client holding a personal access token, or the sign-in
    /// cookie when <paramref name="signIn"/> (the sign-in form takes ten posts a minute).
    /// </summary>
    public static async Task<(User User, HttpClient Client)> MemberAsync(TestApp app, string email, Organization organization, string name = "Camille Martin", bool signIn = false)
    {
        var user = await app.CreateAccountAsync(email, SiteRoles.Member, name);
        await app.WithDbAsync(async db =>
        {
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = organization.Id, UserId = user.Id, Role = OrganizationRole.Editor, Since = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
        });
        if (signIn) return (user, await app.SignedInAsync(email));
        var token = new StringWriter();
        Assert.Equal(0, await TokensCommand.RunAsync(app.Services, ["create", "--email", email], token, TextWriter.Null));
        return (user, app.WithToken(token.ToString().Trim()));
    }

    public static async Task<EventDto> AnnounceAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/events", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<EventDto>())!;
    }

    public static object Aperitif(int? capacity = null, string audience = "members", Guid? host = null) => new
    {
        title = "Apéro itinérant chez Les Jardins d'Arras",
        kind = "itinerant-apero",
        description = "Visite des serres, puis apéro.",
        startsAt = Apero,
        endsAt = Apero.AddHours(2),
        place = "12 rue des Jardins, 62000 Arras",
        hostOrganizationId = host,
        latitude = 50.2910,
        longitude = 2.7775,
        capacity,
        audience,
        guestsBring = "Un produit de votre structure à faire goûter",
    };

    public static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, Guid eventId, Guid? asOrganizationId = null) =>
        await client.PostAsJsonAsync($"/api/v1/events/{eventId}/registrations", new { asOrganizationId });

    public static Task<List<OutboxMessage>> MailsToAsync(this TestApp app, string address) =>
        app.WithDbAsync((db, _) => db.Set<OutboxMessage>().Where(m => m.ToAddress == address).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync());

    public static Task<int> RunRemindersAsync(this TestApp app) => app.Services.GetRequiredService<EventReminderJob>().RunOnceAsync();
}
