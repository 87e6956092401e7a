using System.Net;
using System.Net.Http.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Events;

public sealed class EventRegistrationTests
{
    [SkippableTheory, BothDatabases]
    public async Task A_full_event_waitlists_and_a_cancellation_promotes_the_first_waiting_who_is_told_by_mail(string provider)
    {
        await using var app = await Eventing.StartAsync(provider);
        var facilitator = await Eventing.FacilitatorAsync(app);
        var ev = await Eventing.AnnounceAsync(facilitator, Eventing.Aperitif(capacity: 2));
        var org = await new OrganizationBuilder().SaveAsync(app);
        var people = new List<HttpClient>();
        for (var i = 0; i < 4; i++) people.Add((await Eventing.MemberAsync(app, $"p{i}@example.org", org, $"Personne {i}", signIn: true)).Client);

        var statuses = new List<string>();
        foreach (var person in people)
        {
            var response = await Eventing.RegisterAsync(person, ev.Id);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            statuses.Add((await response.Content.ReadFromJsonAsync<Eventing.RegistrationDto>())!.Status);
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Equal(["registered", "registered", "waitlisted", "waitlisted"], statuses);

        // Registering twice changes nothing.
        var again = await Eventing.RegisterAsync(people[0], ev.Id);
        Assert.Equal("registered", (await again.Content.ReadFromJsonAsync<Eventing.RegistrationDto>())!.Status);

        // The first registered cancels on the event's page: the first waiting takes the place, and only her.
        var cancel = await people[0].PostFormAsync($"/evenements/{ev.Id}", $"/evenements/{ev.Id}?handler=Cancel", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        var rows = await app.WithDbAsync((db, _) => db.Set<EventRegistration>().OrderBy(r => r.Email).Select(r => new { r.Email, r.Status }).ToListAsync());
        Assert.Equal([RegistrationStatus.Cancelled, RegistrationStatus.Registered, RegistrationStatus.Registered, RegistrationStatus.Waitlisted], rows.Select(r => r.Status));
        var mail = Assert.Single(await app.MailsToAsync("p2@example.org"));
        Assert.Equal("Une place s'est libérée : Apéro itinérant chez Les Jardins d'Arras", mail.Subject);
        Assert.Contains($"{Eventing.BaseUrl}/events/{ev.Id}.ics", mail.TextBody);
        Assert.Empty(await app.MailsToAsync("p3@example.org"));

        var listed = await app.CreateClient().GetFromJsonAsync<ListOf>("/api/v1/events");
        var item = Assert.Single(listed!.Items);
        Assert.Equal((2, 1), (item.Registered, item.Waitlisted));
    }

    internal sealed record ListOf(int Total, List<Eventing.EventDto> Items);

    [SkippableTheory, BothDatabases]
    public async Task Twenty_people_racing_for_five_seats_never_make_more_than_five_registered(string provider)
    {
        await using var app = await Eventing.StartAsync(provider);
        var facilitator = await Eventing.FacilitatorAsync(app);
        var ev = await Eventing.AnnounceAsync(facilitator, Eventing.Aperitif(capacity: 5, audience: "everyone"));

        var tasks = Enumerable.Range(0, 20).Select(async i =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var registrations = scope.ServiceProvider.GetRequiredService<EventRegistrations>();
            var outcome = await registrations.RegisterAsync(ev.Id, new(null, null, $"Visiteur {i}", $"v{i}@example.org"), staff: false, CancellationToken.None);
            return outcome.Registration!.Status;
        }).ToList();
        var statuses = await Task.WhenAll(tasks);

        Assert.Equal(5, statuses.Count(s => s == RegistrationStatus.Registered));
        Assert.Equal(15, statuses.Count(s => s == RegistrationStatus.Waitlisted));
        Assert.Equal(5, await app.WithDbAsync((db, _) => db.Set<EventRegistration>().CountAsync(r => r.Status == RegistrationStatus.Registered)));

        // Cancellations racing each other promote exactly as many as they free.
        var registered = await app.WithDbAsync((db, _) => db.Set<EventRegistration>().Where(r => r.Status == RegistrationStatus.Registered).Select(r => r.Id).ToListAsync());
        await Task.WhenAll(registered.Take(3).Select(async id =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<EventRegistrations>().CancelAsync(id, CancellationToken.None);
        }));
        Assert.Equal(5, await app.WithDbAsync((db, _) => db.Set<EventRegistration>().CountAsync(r => r.Status == RegistrationStatus.Registered)));
        Assert.Equal(12, await app.WithDbAsync((db, _) => db.Set<EventRegistration>().CountAsync(r => r.Status == RegistrationStatus.Waitlisted)));
    }

    [SkippableTheory, BothDatabases]
    public async Task Members_only_events_refuse_visitors_and_people_outside_member_organisations(string provider)
    {
        await using var app = await Eventing.StartAsync(provider);
        var facilitator = await Eventing.FacilitatorAsync(app);
        var ev = await Eventing.AnnounceAsync(facilitator, Eventing.Aperitif());
        var outsider = await new OrganizationBuilder().Named("Hors Réseau").NotMember().SaveAsync(app);
        var (_, stranger) = await Eventing.MemberAsync(app, "dehors@example.org", outsider);
        var member = await new OrganizationBuilder().SaveAsync(app);
        var (_, camille) = await Eventing.MemberAsync(app, "camille@example.org", member);

        Assert.Equal(HttpStatusCode.Forbidden, (await Eventing.RegisterAsync(stranger, ev.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Eventing.RegisterAsync(camille, ev.Id, asOrganizationId: outsider.Id)).StatusCode);
        var forOrg = await Eventing.RegisterAsync(camille, ev.Id, asOrganizationId: member.Id);
        Assert.Equal(HttpStatusCode.Created, forOrg.StatusCode);
        Assert.Equal("Camille Martin (Atelier Roue Libre)", (await forOrg.Content.ReadFromJsonAsync<Eventing.RegistrationDto>())!.Name);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync($"/api/v1/events/{ev.Id}/registrations", new { })).StatusCode);

        // A visitor's form on a members' event asks to sign in; no row is made.
        var visitor = app.Browser();
        var page = Html.VisibleText(await visitor.GetStringAsync($"/evenements/{ev.Id}"));
        Assert.Contains("réservé aux membres du réseau", page);
        Assert.Equal(1, await app.WithDbAsync((db, _) => db.Set<EventRegistration>().CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await Eventing.RegisterAsync(camille, Guid.NewGuid())).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_visitor_registers_with_name_and_email_and_cancels_with_the_link_of_the_reminder(string provider)
    {
        await using var app = await Eventing.StartAsync(provider);
        var facilitator = await Eventing.FacilitatorAsync(app);
        var ev = await Eventing.AnnounceAsync(facilitator, Eventing.Aperitif(capacity: 1, audience: "everyone"));
        var visitor = app.Browser();

        var response = await visitor.PostFormAsync($"/evenements/{ev.Id}", $"/evenements/{ev.Id}?handler=Register",
            new Dictionary<string, string> { ["VisitorName"] = "Dominique Durand", ["VisitorEmail"] = "dominique@example.org" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var bad = await app.Browser().PostFormAsync($"/evenements/{ev.Id}", $"/evenements/{ev.Id}?handler=Register",
            new Dictionary<string, string> { ["VisitorName"] = "X", ["VisitorEmail"] = "pas-une-adresse" });
        Assert.Contains("adresse e-mail valable", Html.VisibleText(await bad.Content.ReadAsStringAsync()));

        // The day before, one reminder, however many passes.
        Assert.Equal(0, await app.RunRemindersAsync());
        app.Clock.Advance(Eventing.Apero - app.Clock.Now - TimeSpan.FromHours(20));
        Assert.Equal(1, await app.RunRemindersAsync());
        Assert.Equal(0, await app.RunRemindersAsync());
        var reminder = Assert.Single(await app.MailsToAsync("dominique@example.org"));
        Assert.StartsWith("Rappel : Apéro itinérant chez Les Jardins d'Arras, jeudi 3 décembre 2026 à 18 h 30", reminder.Subject);
        Assert.Contains("Un produit de votre structure", reminder.TextBody);

        var cancelUrl = System.Text.RegularExpressions.Regex.Match(reminder.TextBody, @"https://elbasar\.example\.org(/evenements/inscriptions/\S+)").Groups[1].Value;
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync(cancelUrl[..^4] + "AAAA")).StatusCode);
        var cancelled = await app.Browser().PostFormAsync(cancelUrl, cancelUrl, new Dictionary<string, string>());
        Assert.Contains("est annulée", Html.VisibleText(await cancelled.Content.ReadAsStringAsync()));
        Assert.Equal(RegistrationStatus.Cancelled, await app.WithDbAsync((db, _) => db.Set<EventRegistration>().Select(r => r.Status).SingleAsync()));
    }

    [Theory]
    [InlineData("2026-03-29T01:30:00", "2026-03-29T00:30:00Z")]   // before the spring change: winter time
    [InlineData("2026-03-29T03:30:00", "2026-03-29T01:30:00Z")]   // after it: summer time
    [InlineData("2026-10-25T02:30:00", "2026-10-25T00:30:00Z")]   // happens twice: the first, summer time
    [InlineData("2026-10-25T03:30:00", "2026-10-25T02:30:00Z")]
    [InlineData("2026-07-14T18:00:00", "2026-07-14T16:00:00Z")]
    [InlineData("2026-12-03T18:30:00", "2026-12-03T17:30:00Z")]
    public void Paris_wall_clock_times_are_read_in_the_right_offset_around_the_changes_of_time(string local, string utc)
    {
        var parsed = EventTimes.FromParis(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime, parsed);
    }

    [Fact]
    public void A_time_that_does_not_exist_in_Paris_is_refused() =>
        Assert.Null(EventTimes.FromParis(new DateTime(2026, 3, 29, 2, 30, 0)));
}
