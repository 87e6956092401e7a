using ElBasar.Tests.Features.Directory;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Listings.Expiry;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Listings;

/// <summary>The mail a listing's people get a week before it expires: once per expiry, through the outbox.</summary>
public sealed class ExpiryReminderTests
{
    const string Owner = "responsable@roue-libre.example.org";
    const string Editor = "benevole@roue-libre.example.org";

    [SkippableTheory, BothDatabases]
    public async Task A_listing_expiring_in_5_days_is_reminded_to_its_people_once_then_again_after_its_renewal(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().SaveAsync(app);
        await SignedIn.AddAsync(app, organization.Id, await SignedIn.CreateUserAsync(app, Owner, "Camille Martin"), OrganizationRole.Owner);
        await SignedIn.AddAsync(app, organization.Id, await SignedIn.CreateUserAsync(app, Editor, "Louis Petit"), OrganizationRole.Editor);
        var listing = await new ListingBuilder(organization).Titled("Tonnelle 3x3 m à prêter").SaveAsync(app);
        // 23:30 UTC is already the next day in Paris.
        await SetExpiryAsync(app, listing.Id, new DateTime(2026, 11, 25, 23, 30, 0, DateTimeKind.Utc));

        Assert.Equal(1, await RunAsync(app));
        Assert.Equal(0, await RunAsync(app));
        app.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await RunAsync(app));

        var mail = Assert.Single(await SignedIn.MailsToAsync(app, Owner));
        Assert.Single(await SignedIn.MailsToAsync(app, Editor));
        Assert.Empty(await SignedIn.MailsToAsync(app, organization.Email!));
        Assert.Equal("Votre annonce « Tonnelle 3x3 m à prêter » expire le 26 novembre 2026", mail.Subject);
        Assert.Equal("Camille Martin", mail.ToName);
        Assert.Contains("L'annonce « Tonnelle 3x3 m à prêter » de Atelier Roue Libre expire le jeudi 26 novembre 2026.", mail.TextBody);
        Assert.Contains($"/annonces/{listing.Id}", mail.TextBody);
        Assert.Contains($"/annonces/{listing.Id}\"", mail.HtmlBody);
        Assert.Contains("Tonnelle 3x3 m à prêter", System.Net.WebUtility.HtmlDecode(mail.HtmlBody));
        await app.WithDbAsync(async db =>
        {
            var row = await db.Listings.SingleAsync(l => l.Id == listing.Id);
            Assert.Equal(app.Clock.Now.UtcDateTime.AddHours(-3), row.ExpiryReminderSentAt);
            Assert.Equal(row.ExpiresAt, row.ExpiryRemindedFor);
        });

        // Renewed for a month: three weeks later, its people hear again about the new date.
        await SetExpiryAsync(app, listing.Id, new DateTime(2026, 12, 25, 10, 0, 0, DateTimeKind.Utc));
        Assert.Equal(0, await RunAsync(app));
        app.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(1, await RunAsync(app));
        Assert.Equal(0, await RunAsync(app));

        var mails = await SignedIn.MailsToAsync(app, Owner);
        Assert.Equal(2, mails.Count);
        Assert.Equal("Votre annonce « Tonnelle 3x3 m à prêter » expire le 25 décembre 2026", mails[1].Subject);
        Assert.Equal(2, (await SignedIn.MailsToAsync(app, Editor)).Count);
    }

    [SkippableTheory, BothDatabases]
    public async Task An_organisation_without_people_is_reminded_at_its_contact_address(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().Named("Ressourcerie du Vimeu").SaveAsync(app);
        await new ListingBuilder(organization).Titled("Étagères de magasin").ExpiredDaysAgo(-3).SaveAsync(app);

        Assert.Equal(1, await RunAsync(app));

        var mail = Assert.Single(await SignedIn.MailsToAsync(app, organization.Email!));
        Assert.Equal("Ressourcerie du Vimeu", mail.ToName);
        Assert.StartsWith("Bonjour Ressourcerie du Vimeu,", mail.TextBody);
    }

    [SkippableTheory, BothDatabases]
    public async Task Expired_closed_draft_hidden_and_later_listings_get_no_reminder(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().SaveAsync(app);
        await SignedIn.AddAsync(app, organization.Id, await SignedIn.CreateUserAsync(app, Owner), OrganizationRole.Owner);
        await new ListingBuilder(organization).Titled("Expirée hier").ExpiredDaysAgo(1).SaveAsync(app);
        await new ListingBuilder(organization).Titled("Close").ExpiredDaysAgo(-5).WithStatus(ListingStatus.Closed).SaveAsync(app);
        await new ListingBuilder(organization).Titled("Brouillon").ExpiredDaysAgo(-5).WithStatus(ListingStatus.Draft).SaveAsync(app);
        await new ListingBuilder(organization).Titled("Masquée").ExpiredDaysAgo(-5).WithStatus(ListingStatus.Hidden).SaveAsync(app);
        await new ListingBuilder(organization).Titled("Dans dix jours").ExpiredDaysAgo(-10).SaveAsync(app);
        await new ListingBuilder(organization).Titled("Sans date").SaveAsync(app);

        Assert.Equal(0, await RunAsync(app));

        Assert.Empty(await app.WithDbAsync((db, _) => db.Set<OutboxMessage>().ToListAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task Two_nodes_running_at_once_remind_each_listing_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().SaveAsync(app);
        await SignedIn.AddAsync(app, organization.Id, await SignedIn.CreateUserAsync(app, Owner), OrganizationRole.Owner);
        for (var i = 0; i < 8; i++)
            await new ListingBuilder(organization).Titled($"Annonce {i}").ExpiredDaysAgo(-2).SaveAsync(app);
        var job = app.Services.GetRequiredService<ExpiryReminderJob>();

        var passes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => job.RunOnceAsync())));

        Assert.Equal(8, passes.Sum());
        Assert.Equal(8, (await SignedIn.MailsToAsync(app, Owner)).Count);
    }

    static Task<int> RunAsync(TestApp app) => app.Services.GetRequiredService<ExpiryReminderJob>().RunOnceAsync();

    // What a renewal does to the listing, as far as the reminder is concerned.
    static Task SetExpiryAsync(TestApp app, Guid listingId, DateTime expiresAt) =>
        app.WithDbAsync(async db =>
        {
            (await db.Listings.SingleAsync(l => l.Id == listingId)).ExpiresAt = expiresAt;
            await db.SaveChangesAsync();
        });
}
