using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Alerts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Alerts;

/// <summary>The alert tests' shared moves: a site with a base URL, people with saved searches, a pass of the worker, their mail.</summary>
static class Alerting
{
    public const string BaseUrl = "https://elbasar.example.org";

    public static Task<TestApp> StartAsync(string provider) =>
        TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Site:BaseUrl"] = BaseUrl });

    public sealed record Person(string Email, Guid Id, HttpClient Client);

    public static async Task<Person> PersonAsync(TestApp app, string email, string name = "Camille Martin")
    {
        var user = await app.CreateAccountAsync(email, SiteRoles.Member, name);
        return new Person(email, user.Id, await app.SignedInAsync(email));
    }

    public sealed record SavedSearchDto(Guid Id, string Name, JsonElement Query, string Frequency, bool Paused, DateTime CreatedAt, string FeedUrl);

    public static async Task<SavedSearchDto> SaveAsync(this Person person, string name, object query, string frequency = "instant")
    {
        var response = await person.Client.PostAsJsonAsync("/api/v1/me/saved-searches", new { name, query, frequency });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SavedSearchDto>())!;
    }

    public static Task<AlertJob.Pass> RunWorkerAsync(this TestApp app) => app.Services.GetRequiredService<AlertJob>().RunOnceAsync();

    public static Task<List<OutboxMessage>> MailsToAsync(this TestApp app, string address) =>
        app.WithDbAsync((db, _) => db.Set<OutboxMessage>().Where(m => m.ToAddress == address).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync());

    public static Task AddToOrganizationAsync(this TestApp app, Guid organizationId, Guid userId) =>
        app.WithDbAsync(async db =>
        {
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = organizationId, UserId = userId, Role = OrganizationRole.Editor, Since = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
        });

    public static IReadOnlyDictionary<string, string> HeadersOf(OutboxMessage mail) => mail.ToEmail().Headers;
}
