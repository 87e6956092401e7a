using ElBasar.Tests.Support;
using ElBasar.Web.Features.Newsletter;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Newsletter;

/// <summary>The digest tests' shared moves: a site without the background workers, public subscribers, a pass of the sender.</summary>
static class Newslettering
{
    public const string BaseUrl = "https://elbasar.example.org";

    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["Site:BaseUrl"] = BaseUrl,
        ["Events:RemindersEnabled"] = "false",
        ["Newsletter:WorkerEnabled"] = "false",
        ["Newsletter:BatchPauseMilliseconds"] = "0",
    };

    public static Task<TestApp> StartAsync(string provider) => TestApp.StartAsync(provider, new(Settings));

    public static Task<int> RunSenderAsync(this TestApp app) => app.Services.GetRequiredService<NewsletterJob>().RunOnceAsync();

    public static Task<List<OutboxMessage>> MailsToAsync(this TestApp app, string address) =>
        app.WithDbAsync((db, _) => db.Set<OutboxMessage>().Where(m => m.ToAddress == address).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync());

    public static Task<List<OutboxMessage>> CopiesAsync(this TestApp app) =>
        app.WithDbAsync((db, _) => db.Set<OutboxMessage>().Where(m => m.Key!.StartsWith("newsletter:")).ToListAsync());

    /// <summary>The digest's copies as their readers get them: the shared body with each one's own values.</summary>
    public static Task<List<EmailMessage>> LettersAsync(this TestApp app) => app.WithDbAsync(async (db, _) =>
    {
        var bodies = await db.Set<OutboxBody>().AsNoTracking().ToDictionaryAsync(b => b.Id);
        var copies = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Key!.StartsWith("newsletter:")).ToListAsync();
        return copies.Select(c => c.ToEmail(bodies[c.BodyId!.Value])).ToList();
    });

    /// <summary>Public subscribers who confirmed, added straight to the table.</summary>
    public static async Task AddSubscribersAsync(this TestApp app, int count, string prefix = "lecteur", Guid? network = null)
    {
        var networkId = network ?? await app.HomeNetworkIdAsync();
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < count; i++)
                db.Add(new Subscriber { NetworkId = networkId, Email = $"{prefix}{i}@example.org", Status = SubscriberStatus.Active, Secret = Subscribers.NewSecret(), CreatedAt = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
        });
    }
}
