using System.Net;
using ElBasar.Tests.Features.Directory;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ElBasar.Tests.Features.Messaging.Messaging;

namespace ElBasar.Tests.Features.Messaging;

public sealed class ConversationTests
{
    [SkippableTheory, BothDatabases]
    public async Task Contacting_from_a_listing_reaches_every_owner_and_editor_and_nobody_else(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var receiver = await ReceiverAsync(app);
        var listing = await new ListingBuilder(receiver.Organization).Titled("Prêt d'une tonnelle 3x3 m").SaveAsync(app);
        var (person, _) = await SignedIn.PersonAsync(app, "noa@example.org", "Noa Bénévole");
        var other = await new OrganizationBuilder().Named("Coop des Faubourgs").SaveAsync(app);
        var (stranger, strangerId) = await SignedIn.PersonAsync(app, "stranger@example.org", "Alex Ailleurs");
        await SignedIn.AddAsync(app, other.Id, strangerId, OrganizationRole.Owner);

        Assert.Contains($"/messages/nouveau?annonce={listing.Id}", await person.PageAsync($"/annonces/{listing.Id}"));
        Assert.Contains($"/messages/nouveau?structure={receiver.Organization.Id}", await person.PageAsync($"/structures/{receiver.Organization.Id}"));
        var id = ConversationIdOf(await ContactAsync(person, $"annonce={listing.Id}", "Bonjour,\nla tonnelle est-elle libre samedi ?"));

        var thread = Html.VisibleText(await person.PageAsync($"/messages/{id}"));
        Assert.Contains("Prêt d'une tonnelle 3x3 m", thread);
        Assert.Contains("la tonnelle est-elle libre samedi ?", thread);
        foreach (var client in new[] { receiver.Owner, receiver.Editor })
        {
            Assert.Contains("Messages (1)", Html.VisibleText(await client.PageAsync("/espace")));
            var inbox = Html.VisibleText(await client.PageAsync("/messages"));
            Assert.Contains("Prêt d'une tonnelle 3x3 m", inbox);
            Assert.Contains("Avec Noa Bénévole", inbox);
            Assert.Contains("1 nouveau message", inbox);
            Assert.Contains("la tonnelle est-elle libre samedi ?", Html.VisibleText(await client.PageAsync($"/messages/{id}")));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/messages/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TestAccounts.PostFormAsync(stranger, "/messages", $"/messages/{id}", new Dictionary<string, string> { ["Message"] = "Coucou" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TestAccounts.PostFormAsync(stranger, "/messages", $"/messages/{id}?handler=Archive", new Dictionary<string, string>())).StatusCode);
        Assert.DoesNotContain("Prêt d'une tonnelle", await stranger.PageAsync("/messages"));
        var visitor = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync($"/messages/{id}")).StatusCode);

        var mails = await MailFolderAsync(app);
        Assert.Equal(["editor@roue.example.org", "owner@roue.example.org"], mails.Select(m => To(m.Header("To")!)).Order().ToArray());
        var toOwner = mails.First(m => To(m.Header("To")!) == "owner@roue.example.org");
        Assert.Equal("Nouveau message de Noa Bénévole : Prêt d'une tonnelle 3x3 m", toOwner.Header("Subject"));
        var text = toOwner.Body("text/plain");
        Assert.Contains("la tonnelle est-elle libre samedi ?", text);
        Assert.Contains($"/messages/{id}", text);
        Assert.DoesNotContain("noa@example.org", text);
    }

    static string To(string header) => header.Contains('<') ? header[(header.IndexOf('<') + 1)..header.IndexOf('>')] : header.Trim();

    [SkippableTheory, BothDatabases]
    public async Task A_reply_is_mailed_to_the_starter_counts_as_unread_until_opened_and_archives_per_side(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var receiver = await ReceiverAsync(app);
        var (person, _) = await SignedIn.PersonAsync(app, "noa@example.org", "Noa Bénévole");
        var id = ConversationIdOf(await ContactAsync(person, $"structure={receiver.Organization.Id}", "Bonjour, vous réparez les vélos cargo ?"));
        await MailFolderAsync(app);
        System.IO.Directory.Delete(app.MailFolder, recursive: true);

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.Redirect, (await ReplyAsync(receiver.Editor, id, "Oui, le mardi.")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Contains("Messages (1)", Html.VisibleText(await person.PageAsync("/espace")));
        // The owner has not opened it, but the editor's answer is their side's: still one unread, the first message.
        Assert.Contains("Messages (1)", Html.VisibleText(await receiver.Owner.PageAsync("/espace")));
        Assert.DoesNotContain("Messages (", Html.VisibleText(await receiver.Editor.PageAsync("/espace")));
        var mail = Assert.Single(await MailFolderAsync(app));
        Assert.Contains("noa@example.org", mail.Header("To"));
        Assert.Equal("Nouveau message de Sacha Éditrice (Atelier Roue Libre) : Atelier Roue Libre", mail.Header("Subject"));

        await person.PageAsync($"/messages/{id}");
        Assert.DoesNotContain("Messages (", Html.VisibleText(await person.PageAsync("/espace")));

        Assert.Equal(HttpStatusCode.Redirect, (await PostActionAsync(person, id, "Archive")).StatusCode);
        Assert.DoesNotContain($"/messages/{id}\"", await person.PageAsync("/messages"));
        Assert.Contains($"/messages/{id}\"", await person.PageAsync("/messages?archives=true"));
        Assert.Contains($"/messages/{id}\"", await receiver.Owner.PageAsync("/messages"));

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await ReplyAsync(receiver.Owner, id, "Passez quand vous voulez.");
        Assert.Contains($"/messages/{id}\"", await person.PageAsync("/messages"));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_person_writes_for_one_of_their_organisations_and_all_its_people_see_it_but_not_for_another(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var receiver = await ReceiverAsync(app);
        var mine = await new OrganizationBuilder().Named("Coop des Faubourgs").SaveAsync(app);
        var notMine = await new OrganizationBuilder().Named("Ressourcerie du Nord").SaveAsync(app);
        var (person, personId) = await SignedIn.PersonAsync(app, "noa@example.org", "Noa Bénévole");
        await SignedIn.AddAsync(app, mine.Id, personId, OrganizationRole.Editor);
        var (colleague, colleagueId) = await SignedIn.PersonAsync(app, "colleague@example.org", "Lou Collègue");
        await SignedIn.AddAsync(app, mine.Id, colleagueId, OrganizationRole.Owner);

        var form = Html.VisibleText(await person.PageAsync($"/messages/nouveau?structure={receiver.Organization.Id}"));
        Assert.Contains("Écrire au nom de", form);
        Assert.Contains("Coop des Faubourgs", form);
        var refused = await ContactAsync(person, $"structure={receiver.Organization.Id}", "Bonjour", notMine.Id.ToString());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Vous ne faites pas partie de cette structure", Html.VisibleText(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(0, await CountAsync(app));

        var id = ConversationIdOf(await ContactAsync(person, $"structure={receiver.Organization.Id}", "Bonjour de la coop", mine.Id.ToString()));
        Assert.Contains("Avec Coop des Faubourgs", Html.VisibleText(await receiver.Owner.PageAsync("/messages")));
        Assert.Contains("Noa Bénévole (Coop des Faubourgs)", Html.VisibleText(await receiver.Owner.PageAsync($"/messages/{id}")));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await ReplyAsync(receiver.Owner, id, "Bonjour la coop !");
        Assert.Contains("Bonjour la coop !", Html.VisibleText(await colleague.PageAsync($"/messages/{id}")));
        var mails = await SignedIn.MailsToAsync(app, "colleague@example.org");
        Assert.Single(mails);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_blocked_sender_can_neither_continue_nor_start_again_until_unblocked(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var receiver = await ReceiverAsync(app);
        var listing = await new ListingBuilder(receiver.Organization).SaveAsync(app);
        var (person, _) = await SignedIn.PersonAsync(app, "noa@example.org", "Noa Bénévole");
        var id = ConversationIdOf(await ContactAsync(person, $"structure={receiver.Organization.Id}", "Achetez mes crèmes miracles"));

        Assert.Equal(HttpStatusCode.NotFound, (await PostActionAsync(person, id, "Block")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostActionAsync(receiver.Editor, id, "Block")).StatusCode);

        var reply = await ReplyAsync(person, id, "Encore moi");
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var blocked = "Cette structure ne souhaite plus recevoir vos messages : vous ne pouvez pas lui écrire.";
        Assert.Contains(blocked, Html.VisibleText(await reply.Content.ReadAsStringAsync()));
        var again = await ContactAsync(person, $"annonce={listing.Id}", "Et sur cette annonce ?");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(blocked, Html.VisibleText(await again.Content.ReadAsStringAsync()));
        Assert.Equal(1, await CountAsync(app));
        Assert.Equal(1, await app.WithDbAsync((db, _) => db.ConversationMessages.CountAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await PostActionAsync(receiver.Owner, id, "Unblock")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ReplyAsync(person, id, "Pardon pour tout à l'heure")).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_new_account_starts_five_conversations_an_hour_and_an_older_one_twenty(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organizations = new List<Organization>();
        for (var i = 0; i < 27; i++) organizations.Add(await new OrganizationBuilder().Named($"Structure {i:00}").SaveAsync(app));
        var (fresh, _) = await SignedIn.PersonAsync(app, "fresh@example.org");

        for (var i = 0; i < 5; i++) ConversationIdOf(await ContactAsync(fresh, $"structure={organizations[i].Id}", "Bonjour"));
        var sixth = await ContactAsync(fresh, $"structure={organizations[5].Id}", "Bonjour, encore");

        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        var page = Html.VisibleText(await sixth.Content.ReadAsStringAsync());
        Assert.Contains("Votre compte a moins de 7 jours : vous pouvez commencer 5 conversations par heure.", page);
        Assert.Contains("Bonjour, encore", page);   // what was typed is kept
        // Writing again where a conversation exists is not a new one.
        ConversationIdOf(await ContactAsync(fresh, $"structure={organizations[0].Id}", "Une précision"));

        app.Clock.Advance(TimeSpan.FromHours(1));
        ConversationIdOf(await ContactAsync(fresh, $"structure={organizations[5].Id}", "Bonjour, encore"));

        app.Clock.Advance(TimeSpan.FromDays(8));
        for (var i = 6; i < 26; i++) ConversationIdOf(await ContactAsync(fresh, $"structure={organizations[i].Id}", "Bonjour"));
        var refused = await ContactAsync(fresh, $"structure={organizations[26].Id}", "Bonjour");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Vous avez commencé 20 conversations dans l'heure", Html.VisibleText(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(26, await CountAsync(app));
    }

    [SkippableTheory, BothDatabases]
    public async Task Messages_are_shown_as_text_never_as_markup(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var receiver = await ReceiverAsync(app);
        var (person, _) = await SignedIn.PersonAsync(app, "noa@example.org", "<b>Noa</b>");
        var attack = "<script>alert(1)</script>\n\"><img src=x onerror=alert(1)>";
        var id = ConversationIdOf(await ContactAsync(person, $"structure={receiver.Organization.Id}", attack));

        foreach (var client in new[] { person, receiver.Owner })
        {
            var html = await client.PageAsync($"/messages/{id}");
            Assert.DoesNotContain("<script>alert(1)", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.DoesNotContain("<b>Noa", html);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
            // Encoded, line break kept (the page shows it with white-space: pre-wrap).
            Assert.Contains("&lt;/script&gt;&#xA;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", html);
        }
        Assert.DoesNotContain("<b>Noa", await receiver.Owner.PageAsync("/messages"));
        var mail = (await MailFolderAsync(app)).First();
        Assert.DoesNotContain("<script>", mail.Body("text/html"));
        Assert.Contains("<script>alert(1)</script>", mail.Body("text/plain"));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_reported_conversation_reaches_the_facilitators_only(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var receiver = await ReceiverAsync(app);
        var (person, _) = await SignedIn.PersonAsync(app, "noa@example.org", "Noa Bénévole");
        var (facilitator, _) = await SignedIn.PersonAsync(app, "anim@example.org", "Camille Animatrice", "facilitator");
        var id = ConversationIdOf(await ContactAsync(person, $"structure={receiver.Organization.Id}", "Envoyez 100 € pour recevoir le vélo"));

        var missing = await PostActionAsync(receiver.Owner, id, "Report", new Dictionary<string, string> { ["Report.Reason"] = "other" });
        Assert.Contains("Précisez le problème en quelques mots.", Html.VisibleText(await missing.Content.ReadAsStringAsync()));
        var sent = await PostActionAsync(receiver.Owner, id, "Report", new Dictionary<string, string> { ["Report.Reason"] = "fraud", ["Report.Details"] = "Demande d'argent" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await facilitator.GetAsync($"/messages/{id}")).StatusCode);
        var queue = Html.VisibleText(await facilitator.PageAsync("/moderation/messages"));
        Assert.Contains("Arnaque ou tentative de fraude", queue);
        Assert.Contains("Envoyez 100 € pour recevoir le vélo", queue);
        var denied = await person.GetAsync("/moderation/messages");
        Assert.StartsWith("/erreur/403", denied.Headers.Location?.PathAndQuery);

        var reportId = await app.WithDbAsync((db, _) => db.ConversationReports.Select(r => r.Id).SingleAsync());
        await TestAccounts.PostFormAsync(facilitator, "/moderation/messages", "/moderation/messages?handler=Close", new Dictionary<string, string> { ["reportId"] = reportId.ToString() });
        Assert.Contains("Aucun signalement en attente.", Html.VisibleText(await facilitator.PageAsync("/moderation/messages")));
    }

    [SkippableTheory, BothDatabases]
    public async Task Deleting_an_account_keeps_its_messages_for_the_other_side_under_compte_supprime(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var receiver = await ReceiverAsync(app);
        var (person, personId) = await SignedIn.PersonAsync(app, "noa@example.org", "Noa Bénévole");
        var id = ConversationIdOf(await ContactAsync(person, $"structure={receiver.Organization.Id}", "Je vous laisse mes outils."));

        await app.WithDbAsync(async (db, services) =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ElBasar.Web.Features.Accounts.User>>();
            var data = services.GetRequiredService<ElBasar.Web.Features.Accounts.PersonalData.PersonalDataService>();
            Assert.True((await data.DeleteAsync((await users.FindByIdAsync(personId.ToString()))!, default)).Succeeded);
            return true;
        });

        var thread = Html.VisibleText(await receiver.Owner.PageAsync($"/messages/{id}"));
        Assert.Contains("Je vous laisse mes outils.", thread);
        Assert.Contains("compte supprimé", thread);
        Assert.DoesNotContain("Noa Bénévole", thread);
    }
}
