using System.Net;
using System.Net.Http.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Events;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Events;

public sealed class EventAnnouncingTests
{
    [SkippableTheory, BothDatabases]
    public async Task The_facilitator_announces_an_itinerant_apero_at_a_member_in_Arras_twenty_register_and_she_exports_them(string provider)
    {
        await using var app = await Eventing.StartAsync(provider);
        var host = await new OrganizationBuilder().Named("Les Jardins d'Arras").In("62041", "Arras", 50.2910, 2.7775).SaveAsync(app);
        var facilitator = await Eventing.FacilitatorAsync(app);

        // The real form, in Paris time.
        var created = await facilitator.PostFormAsync("/evenements/nouveau", "/evenements/nouveau", new Dictionary<string, string>
        {
            ["Input.Title"] = "Apéro itinérant aux Jardins d'Arras",
            ["Input.Kind"] = "itinerant-apero",
            ["Input.Description"] = "Visite des serres.",
            ["Input.Date"] = "2026-12-03",
            ["Input.StartTime"] = "18:30",
            ["Input.EndTime"] = "20:30",
            ["Input.HostOrganizationId"] = host.Id.ToString(),
            ["Input.Place"] = "",
            ["Input.Capacity"] = "25",
            ["Input.Audience"] = "members",
            ["Input.HostBrings"] = "Les légumes de saison",
            ["Input.GuestsBring"] = "Un produit de votre structure",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var ev = await app.WithDbAsync((db, _) => db.Set<Event>().SingleAsync());
        Assert.Equal(new DateTime(2026, 12, 3, 17, 30, 0, DateTimeKind.Utc), ev.StartsAt);
        Assert.Matches("^Les Jardins d'Arras, .*Arras$", ev.Place);   // the host's name and commune
        Assert.Equal((50.2910, 2.7775), (ev.Latitude!.Value, ev.Longitude!.Value));
        Assert.Equal(host.Id, ev.HostOrganizationId);

        var org = await new OrganizationBuilder().Named("Biocoop du Beffroi").SaveAsync(app);
        for (var i = 0; i < 20; i++)
        {
            var (_, client) = await Eventing.MemberAsync(app, $"invite{i}@example.org", org, $"Invité {i}");
            Assert.Equal(HttpStatusCode.Created, (await Eventing.RegisterAsync(client, ev.Id, org.Id)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/events/{ev.Id}.ics")).StatusCode);
        }

        var home = Html.VisibleText(await app.CreateClient().GetStringAsync("/"));
        Assert.Contains("Prochains rendez-vous", home);
        Assert.Contains("Apéro itinérant aux Jardins d'Arras", home);
        Assert.Contains("5 places restantes", home);

        var list = Html.VisibleText(await facilitator.GetStringAsync($"/evenements/{ev.Id}/inscrits"));
        Assert.Contains("20 inscrit·es sur 25 places", list);
        var csv = await facilitator.GetStringAsync($"/evenements/{ev.Id}/inscrits.csv");
        var rows = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("nom;e-mail;structure;statut;inscrit le", rows[0]);
        Assert.Equal(21, rows.Length);
        Assert.StartsWith("\"Invité 0 (Biocoop du Beffroi)\";\"invite0@example.org\";\"Biocoop du Beffroi\";inscrit;", rows[1]);

        // Attendees are the organiser's: a guest sees neither the list nor the export.
        var (_, guest) = await Eventing.MemberAsync(app, "curieux@example.org", org, signIn: true);
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync($"/evenements/{ev.Id}/inscrits")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync($"/evenements/{ev.Id}/inscrits.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync($"/evenements/{ev.Id}/modifier")).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_member_announces_only_at_her_own_organisation_and_bad_input_names_the_field(string provider)
    {
        await using var app = await Eventing.StartAsync(provider);
        var mine = await new OrganizationBuilder().Named("Les Jardins d'Arras").SaveAsync(app);
        var other = await new OrganizationBuilder().Named("Autre Structure").SaveAsync(app);
        var (_, camille) = await Eventing.MemberAsync(app, "camille@example.org", mine);
        var nobody = await app.SignedInAsync("personne@example.org", "member");

        Assert.Equal(HttpStatusCode.Forbidden, (await nobody.PostAsJsonAsync("/api/v1/events", Eventing.Aperitif())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/events", Eventing.Aperitif())).StatusCode);

        var elsewhere = await camille.PostAsJsonAsync("/api/v1/events", Eventing.Aperitif(host: other.Id));
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Contains("hostOrganizationId", (await elsewhere.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>())!.Errors.Keys);

        var badKind = await camille.PostAsJsonAsync("/api/v1/events", new { title = "x", kind = "party", startsAt = Eventing.Apero, endsAt = Eventing.Apero.AddHours(-1), hostOrganizationId = mine.Id, capacity = 0 });
        var errors = (await badKind.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>())!.Errors;
        Assert.Equal(["capacity", "endsAt", "kind"], errors.Keys.Order());

        var ev = await Eventing.AnnounceAsync(camille, Eventing.Aperitif(host: mine.Id));
        Assert.Equal("itinerant-apero", ev.Kind);
        Assert.Equal(Eventing.Apero, ev.StartsAt);
        Assert.Equal(TimeSpan.FromHours(1), ev.StartsAt.Offset);
        Assert.Equal(HttpStatusCode.OK, (await camille.GetAsync($"/evenements/{ev.Id}/inscrits")).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_past_event_keeps_its_page_with_minutes_rendered_safely(string provider)
    {
        await using var app = await Eventing.StartAsync(provider);
        var facilitator = await Eventing.FacilitatorAsync(app);
        var ev = await Eventing.AnnounceAsync(facilitator, Eventing.Aperitif());
        await app.WithDbAsync(async db =>
        {
            var e = await db.Set<Event>().SingleAsync();
            e.Minutes = "Nous étions **vingt**. [Le diaporama](https://example.org/d.pdf) <script>alert(1)</script> [x](javascript:alert(1))";
            await db.SaveChangesAsync();
        });
        app.Clock.Advance(TimeSpan.FromDays(30));

        var html = await app.CreateClient().GetStringAsync($"/evenements/{ev.Id}");
        Assert.Contains("<strong>vingt</strong>", html);
        Assert.Contains("href=\"https://example.org/d.pdf\"", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("Compte rendu", Html.VisibleText(html));
        Assert.Contains("Apéro itinérant chez Les Jardins", Html.VisibleText(await app.CreateClient().GetStringAsync("/evenements")));
        var (_, client) = await Eventing.MemberAsync(app, "tard@example.org", await new OrganizationBuilder().SaveAsync(app));
        Assert.Equal(HttpStatusCode.Conflict, (await Eventing.RegisterAsync(client, ev.Id)).StatusCode);
    }
}
