using System.Net;
using System.Text;
using ElBasar.Tests.Features.Directory;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Hotline;
using ElBasar.Web.Features.Messaging;
using Microsoft.EntityFrameworkCore;
using static ElBasar.Tests.Features.Messaging.Messaging;

namespace ElBasar.Tests.Features.Hotline;

public sealed class HotlineTests
{
    static Task<HttpResponseMessage> AskAsync(HttpClient client, Dictionary<string, string> fields) => client.SubmitAsync("/je-ne-trouve-pas", fields);

    static Task<HttpResponseMessage> ActAsync(HttpClient client, Guid requestId, string handler, Dictionary<string, string> fields) =>
        TestAccounts.PostFormAsync(client, $"/animation/demandes/{requestId}", $"/animation/demandes/{requestId}?handler={handler}", fields);

    [SkippableTheory, BothDatabases]
    public async Task A_request_is_assigned_answered_with_suggestions_and_a_conversation_then_closed_and_exported_with_its_time(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var receiver = await ReceiverAsync(app, "Vélos Solidaires");
        var listing = await new ListingBuilder(receiver.Organization).Titled("Remorque vélo à prêter").SaveAsync(app);
        var other = await new OrganizationBuilder().Named("Atelier Cargo").SaveAsync(app);
        var (requester, requesterId) = await SignedIn.PersonAsync(app, "noa@example.org", "Noa Bénévole");
        var (facilitator, _) = await SignedIn.PersonAsync(app, "anim@example.org", "Camille Animatrice", "facilitator");
        var (_, colleagueId) = await SignedIn.PersonAsync(app, "anim2@example.org", "Dominique Animateur", "facilitator");

        Assert.Contains("/je-ne-trouve-pas", await requester.PageAsync("/espace"));
        var asked = await AskAsync(requester, new() { ["Input.What"] = "Une remorque pour vélo, samedi", ["Input.Commune"] = "Lille", ["Input.Urgency"] = "thisweek" });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var request = await app.WithDbAsync((db, _) => db.HotlineRequests.SingleAsync());
        Assert.Equal((requesterId, "Noa Bénévole", "noa@example.org", HotlineUrgency.ThisWeek, "Lille"), (request.RequesterId!.Value, request.Name, request.Email!, request.Urgency, request.Commune!));

        var desk = Html.VisibleText(await facilitator.PageAsync("/animation/demandes"));
        Assert.Contains("Une remorque pour vélo, samedi", desk);
        Assert.Contains("Dans la semaine", desk);
        var page = await facilitator.PageAsync($"/animation/demandes/{request.Id}");
        Assert.Contains("/recherche?q=Une%20remorque%20pour%20v%C3%A9lo%2C%20samedi", page);

        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(facilitator, request.Id, "Assign", new() { ["AssigneeId"] = colleagueId.ToString() })).StatusCode);
        Assert.Contains("Suivie par Dominique Animateur", Html.VisibleText(await facilitator.PageAsync($"/animation/demandes/{request.Id}")));

        var bad = await ActAsync(facilitator, request.Id, "Suggest", new() { ["References"] = "https://elbasar.example/annonces/nimporte", ["Minutes"] = "beaucoup" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badPage = Html.VisibleText(await bad.Content.ReadAsStringAsync());
        Assert.Contains(RequestModel.BadMinutes, badPage);
        Assert.Contains("https://elbasar.example/annonces/nimporte", badPage);

        var suggested = await ActAsync(facilitator, request.Id, "Suggest", new()
        {
            ["References"] = $"http://localhost/annonces/{listing.Id}\n{other.Id}", ["Text"] = "Appelez de ma part !", ["Minutes"] = "15",
        });
        Assert.Equal(HttpStatusCode.Redirect, suggested.StatusCode);
        var mails = await MailFolderAsync(app);
        var suggestion = Assert.Single(mails, m => m.Header("Subject") == "Des pistes pour votre demande");
        Assert.Contains("noa@example.org", suggestion.Header("To"));
        var text = suggestion.Body("text/plain");
        Assert.Contains($"Remorque vélo à prêter : http://localhost/annonces/{listing.Id}", text);
        Assert.Contains($"Atelier Cargo : http://localhost/structures/{other.Id}", text);
        Assert.Contains("Appelez de ma part !", text);
        var space = await requester.PageAsync("/espace");
        Assert.Contains($"href=\"/annonces/{listing.Id}\"", space);
        Assert.Contains($"href=\"/structures/{other.Id}\"", space);

        var introduced = await ActAsync(facilitator, request.Id, "Introduce", new()
        {
            ["Organization"] = $"http://localhost/structures/{receiver.Organization.Id}", ["Text"] = "Bonjour à vous deux,\nNoa cherche une remorque.", ["Minutes"] = "10",
        });
        Assert.Equal(HttpStatusCode.Redirect, introduced.StatusCode);
        var conversationId = await app.WithDbAsync((db, _) => db.Conversations.Select(c => c.Id).SingleAsync());
        var thread = Html.VisibleText(await requester.PageAsync($"/messages/{conversationId}"));
        Assert.Contains("Noa cherche une remorque.", thread);
        Assert.Contains("Camille Animatrice (équipe d'animation du réseau)", thread);
        Assert.Contains("Messages (1)", Html.VisibleText(await receiver.Owner.PageAsync("/espace")));
        var introMails = (await MailFolderAsync(app)).Where(m => m.Header("Subject")!.StartsWith("Nouveau message de Camille Animatrice")).Select(m => m.Header("To")!).ToList();
        Assert.Equal(3, introMails.Count);   // the requester, and the organisation's owner and editor
        Assert.Contains(introMails, to => to.Contains("noa@example.org"));

        app.Clock.Advance(TimeSpan.FromHours(1));
        var unclosed = await ActAsync(facilitator, request.Id, "Close", new() { ["Minutes"] = "5" });
        Assert.Contains("Choisissez l'issue de la demande", Html.VisibleText(await unclosed.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(facilitator, request.Id, "Close", new() { ["Outcome"] = "found", ["Minutes"] = "5" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(facilitator, request.Id, "Note", new() { ["Text"] = "Rappel le lundi", ["Minutes"] = "20" })).StatusCode);
        var closed = await app.WithDbAsync((db, _) => db.HotlineRequests.SingleAsync());
        Assert.Equal(HotlineStatus.Found, closed.Status);
        Assert.Contains("Temps passé 50 min", Html.VisibleText(await facilitator.PageAsync($"/animation/demandes/{request.Id}")));

        var csv = await facilitator.GetAsync("/animation/demandes.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(';', HotlineExport.Headers), lines[0]);
        Assert.Equal("Reçue le;Demandeur;Courriel;Compte;Commune;Urgence;Demande;Suivie par;État;Clôturée le;Suggestions;Mises en relation;Temps passé (minutes);Temps passé (heures)", lines[0]);
        Assert.Equal("20/11/2026 10:00;Noa Bénévole;noa@example.org;oui;Lille;Dans la semaine;Une remorque pour vélo, samedi;Dominique Animateur;Trouvé;20/11/2026 11:00;1;1;50;0,83", lines[1]);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_visitor_asks_with_a_name_and_an_address_and_the_form_keeps_what_was_typed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var visitor = app.Browser();
        var form = await AskAsync(visitor, new() { ["Input.What"] = "Un local pour une AMAP", ["Input.Commune"] = "Arras", ["Input.Urgency"] = "urgent", ["Input.Name"] = "Lou" });
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("Indiquez votre adresse e-mail", Html.VisibleText(html));
        Assert.Contains("Un local pour une AMAP", Html.VisibleText(html));
        Assert.Contains("value=\"Lou\"", html);
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.HotlineRequests.CountAsync()));

        var sent = await AskAsync(visitor, new() { ["Input.What"] = "=HYPERLINK(\"x\") un local", ["Input.Commune"] = "Arras", ["Input.Urgency"] = "urgent", ["Input.Name"] = "Lou", ["Input.Email"] = "lou@example.org" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var request = await app.WithDbAsync((db, _) => db.HotlineRequests.SingleAsync());
        Assert.Equal((null, "Lou", "lou@example.org", HotlineUrgency.Urgent), (request.RequesterId, request.Name, request.Email, request.Urgency));
        Assert.Contains((await MailFolderAsync(app)), m => m.Header("Subject") == "Votre demande est bien arrivée" && m.Header("To")!.Contains("lou@example.org"));

        var (facilitator, _) = await SignedIn.PersonAsync(app, "anim@example.org", "Camille Animatrice", "facilitator");
        var csv = Encoding.UTF8.GetString(await facilitator.GetByteArrayAsync("/animation/demandes.csv"));
        Assert.Contains(";\"'=HYPERLINK(\"\"x\"\") un local\";", csv);   // never a formula in Excel
    }

    [SkippableTheory, BothDatabases]
    public async Task A_plain_member_cannot_see_the_facilitators_inbox(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (member, _) = await SignedIn.PersonAsync(app, "noa@example.org");
        await AskAsync(member, new() { ["Input.What"] = "Un broyeur", ["Input.Urgency"] = "later" });
        var requestId = await app.WithDbAsync((db, _) => db.HotlineRequests.Select(r => r.Id).SingleAsync());

        foreach (var path in new[] { "/animation/demandes", $"/animation/demandes/{requestId}", "/animation/demandes.csv" })
        {
            var response = await member.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/erreur/403", response.Headers.Location?.PathAndQuery);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/erreur/403")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().GetAsync("/animation/demandes")).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task An_empty_search_offers_the_hotline_with_the_words(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var html = await app.GetPageAsync("/recherche?q=trombone");
        Assert.Contains("/je-ne-trouve-pas?q=trombone", html);
        Assert.Contains("trombone", await app.GetPageAsync("/je-ne-trouve-pas?q=trombone"));
    }
}
