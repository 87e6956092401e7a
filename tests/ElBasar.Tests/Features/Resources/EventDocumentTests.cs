using System.Net;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Events;

namespace ElBasar.Tests.Features.Resources;

/// <summary>An event's documents are resources of the library that name it: listed on its page, each to those who may see it.</summary>
public sealed class EventDocumentTests
{
    [SkippableTheory, BothDatabases]
    public async Task A_document_added_for_a_past_event_is_listed_on_its_page_for_those_who_may_see_it(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var apero = new Event
        {
            Title = "Apéro itinérant à Arras", Place = "12 rue des Jardins, 62000 Arras",
            StartsAt = FakeClock.Default.UtcDateTime.AddDays(-10), EndsAt = FakeClock.Default.UtcDateTime.AddDays(-10).AddHours(2),
            CreatedAt = FakeClock.Default.UtcDateTime, UpdatedAt = FakeClock.Default.UtcDateTime, NetworkId = await app.HomeNetworkIdAsync(),
        };
        await app.WithDbAsync(async db =>
        {
            db.Add(apero);
            await db.SaveChangesAsync();
        });
        var staff = await Library.FacilitatorAsync(app);

        // From the event's page: the form names the event and proposes minutes.
        var eventPage = Html.VisibleText(await staff.GetStringAsync($"/evenements/{apero.Id}"));
        Assert.Contains("Aucun document pour l'instant.", eventPage);
        var form = await staff.GetStringAsync($"/ressources/nouvelle?evenement={apero.Id}");
        Assert.Matches($"<option value=\"{apero.Id}\" selected=\"selected\">", form);

        var fields = Library.Fields("Diaporama de l'apéro d'Arras");
        fields["Input.Event"] = apero.Id.ToString();
        var added = await Library.PostAsync(staff, "/ressources/nouvelle", fields, ("diaporama.pdf", TestDocuments.Pdf(), "application/pdf"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("Apéro itinérant à Arras", Html.VisibleText(await staff.GetStringAsync(added.Headers.Location!.OriginalString)));

        var membersOnly = Library.Fields("Feuille de présence");
        (membersOnly["Input.Event"], membersOnly["Input.Audience"], membersOnly["Input.Link"]) = (apero.Id.ToString(), "members", "https://example.org/presence");
        Assert.Equal(HttpStatusCode.Redirect, (await Library.PostAsync(staff, "/ressources/nouvelle", membersOnly)).StatusCode);

        var visitor = Html.VisibleText(await app.CreateClient().GetStringAsync($"/evenements/{apero.Id}"));
        Assert.Contains("Diaporama de l'apéro d'Arras", visitor);
        Assert.DoesNotContain("Feuille de présence", visitor);
        Assert.Contains("Feuille de présence", Html.VisibleText(await staff.GetStringAsync($"/evenements/{apero.Id}")));

        // An event that is not in the list is refused, and what was typed stays.
        var unknown = Library.Fields("Photos de la soirée");
        unknown["Input.Event"] = Guid.NewGuid().ToString();
        unknown["Input.Link"] = "https://example.org/photos";
        var refused = await (await Library.PostAsync(staff, "/ressources/nouvelle", unknown)).Content.ReadAsStringAsync();
        Assert.Contains("Choisissez le rendez-vous dans la liste.", Html.VisibleText(refused));
        Assert.Contains("value=\"Photos de la soir", refused);
    }
}
