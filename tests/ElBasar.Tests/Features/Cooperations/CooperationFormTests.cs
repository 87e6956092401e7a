using System.Net;
using System.Text.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Accounts.PersonalData;
using ElBasar.Web.Features.Cooperations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Cooperations;

public sealed class CooperationFormTests
{
    [SkippableTheory, BothDatabases]
    public async Task An_editor_records_a_cooperation_of_her_organisation_and_it_shows_on_each_participants_profile(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var grenier = await new OrganizationBuilder().Named("Ressourcerie Le Grenier").SaveAsync(app);
        var panier = await new OrganizationBuilder().Named("Le Panier de Wazemmes").SaveAsync(app);
        var stranger = await new OrganizationBuilder().Named("Atelier Sans Lien").SaveAsync(app);
        var camille = await Cooperating.EditorAsync(app, "camille@example.org", grenier);

        // Her organisation's profile offers to record one, with the organisation ticked.
        Assert.Contains($"href=\"/cooperations/nouvelle?structure={grenier.Id}\"", await camille.GetStringAsync($"/structures/{grenier.Id}"));
        Assert.Contains($"value=\"{grenier.Id}\" checked=\"checked\"", await camille.GetStringAsync($"/cooperations/nouvelle?structure={grenier.Id}"));

        var form = Cooperating.Form();
        form["Input.Territory"] = CooperationEditModel.CommuneChoice;
        form["Input.Commune"] = "Arras";
        form["Input.OutsidePartners"] = "Ville d'Arras\n\n  Transports Dupont  ";
        var id = Cooperating.IdOf(await Cooperating.PostAsync(camille, "/cooperations/nouvelle", form, grenier, panier));

        var page = Html.VisibleText(await camille.GetStringAsync($"/cooperations/{id}"));
        Assert.Contains("Un camion partagé pour les collectes", page);
        Assert.Contains("Mutualisation de moyens", page);
        Assert.Contains("Véhicules et mobilité", page);
        Assert.Contains("Arras (62000)", page);
        Assert.Contains("En cours", page);
        Assert.Contains("Transports Dupont · hors annuaire", page);
        Assert.Contains("Travailler ensemble c'est…", page);
        Assert.Contains("Modifier la coopération", page);
        Assert.DoesNotContain("Supprimer", page);

        var stored = await app.WithDbAsync((db, _) => db.Set<Cooperation>().Include(c => c.Participants).SingleAsync());
        Assert.Equal((TerritoryLevel.Commune, "62041"), (stored.TerritoryLevel, stored.TerritoryCode));
        Assert.Equal("Ville d'Arras\nTransports Dupont", stored.OutsidePartners);
        Assert.Equal(new DateOnly(2025, 5, 1), stored.StartsOn);
        Assert.Equal(new[] { grenier.Id, panier.Id }.Order(), stored.Participants.Select(p => p.OrganizationId).Order());

        foreach (var participant in new[] { grenier, panier })
        {
            var profile = Html.VisibleText(await app.GetPageAsync($"/structures/{participant.Id}"));
            Assert.Contains("Coopérations (1)", profile);
            Assert.Contains("Un camion partagé pour les collectes", profile);
        }
        Assert.Contains($"href=\"/cooperations/{id}\"", await app.GetPageAsync($"/structures/{panier.Id}"));
        Assert.DoesNotContain("Coopérations (", Html.VisibleText(await app.GetPageAsync($"/structures/{stranger.Id}")));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_form_with_mistakes_says_what_is_wrong_in_french_and_keeps_everything_typed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var grenier = await new OrganizationBuilder().Named("Ressourcerie Le Grenier").SaveAsync(app);
        var panier = await new OrganizationBuilder().Named("Le Panier de Wazemmes").SaveAsync(app);
        var facilitator = await Cooperating.FacilitatorAsync(app);

        var form = Cooperating.Form();
        form["Input.Kind"] = "";
        form["Input.Territory"] = CooperationEditModel.CommuneChoice;
        form["Input.Commune"] = "Zzzyxville";
        form["Input.ContactEmail"] = "pas-une-adresse";
        form["Input.StartsOn"] = "2026-03-01";
        form["Input.EndsOn"] = "2026-02-01";
        form["Input.Stakes"] = "Des enjeux écrits avec soin";
        var response = await Cooperating.PostAsync(facilitator, "/cooperations/nouvelle", form, grenier);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var text = Html.VisibleText(html);
        Assert.Contains("La coopération n'est pas encore enregistrée", text);
        Assert.Contains("Choisissez le type de coopération.", text);
        Assert.Contains("Aucune commune ne correspond à « Zzzyxville »", text);
        Assert.Contains("L'adresse e-mail du contact n'est pas valable", text);
        Assert.Contains("La date de fin doit venir après la date de début.", text);
        Assert.Contains("Une coopération réunit au moins deux partenaires", text);
        Assert.Contains("value=\"Un camion partag", html);
        Assert.Contains("value=\"Zzzyxville\"", html);
        Assert.Contains("value=\"pas-une-adresse\"", html);
        Assert.Contains("Des enjeux écrits avec soin", text);
        Assert.Contains($"value=\"{grenier.Id}\" checked=\"checked\"", html);
        Assert.DoesNotContain($"value=\"{panier.Id}\" checked=\"checked\"", html);
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.Set<Cooperation>().CountAsync()));

        // Put right, the same form saves.
        form["Input.Kind"] = "ess-collective";
        form["Input.Commune"] = "62000";
        form["Input.ContactEmail"] = "";
        form["Input.EndsOn"] = "2026-12-31";
        Cooperating.IdOf(await Cooperating.PostAsync(facilitator, "/cooperations/nouvelle", form, grenier, panier));
        Assert.Equal(1, await app.WithDbAsync((db, _) => db.Set<Cooperation>().CountAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task Visitors_cannot_record_and_only_the_people_of_a_participant_or_facilitators_edit_and_only_facilitators_delete(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var grenier = await new OrganizationBuilder().Named("Ressourcerie Le Grenier").SaveAsync(app);
        var panier = await new OrganizationBuilder().Named("Le Panier de Wazemmes").SaveAsync(app);
        var outsider = await new OrganizationBuilder().Named("Atelier Sans Lien").SaveAsync(app);
        var cooperation = await Cooperating.SaveAsync(app, "Un camion partagé", CooperationKind.Pooling, TerritoryLevel.Departement, "59",
            new DateOnly(2025, 1, 1), null, participants: [grenier, panier]);
        var edit = $"/cooperations/{cooperation.Id}/modifier";

        // A visitor is sent to sign in; the list offers nothing to record.
        var visitor = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync("/cooperations/nouvelle")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync(edit)).StatusCode);
        Assert.DoesNotContain("/cooperations/nouvelle", await visitor.GetStringAsync("/cooperations"));

        // An account acting for no organisation may not record one.
        var nobody = await Cooperating.EditorAsync(app, "personne@example.org", null);
        var refused = await nobody.GetAsync("/cooperations/nouvelle");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/erreur/403", refused.Headers.Location!.OriginalString);

        // The editor of an organisation outside it neither edits it nor records one without her own organisation.
        var other = await Cooperating.EditorAsync(app, "autre@example.org", outsider);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(edit)).StatusCode);
        Assert.DoesNotContain("Modifier la coopération", await other.GetStringAsync($"/cooperations/{cooperation.Id}"));
        var response = await Cooperating.PostAsync(other, "/cooperations/nouvelle", Cooperating.Form(), grenier, panier);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Cochez au moins une de vos structures parmi les participantes.", Html.VisibleText(await response.Content.ReadAsStringAsync()));

        // The editor of a participant changes it, but cannot delete it.
        var camille = await Cooperating.EditorAsync(app, "camille@example.org", panier);
        var form = Cooperating.Form();
        form["Input.Title"] = "Le camion des collectes solidaires";
        Assert.Equal(cooperation.Id, Cooperating.IdOf(await Cooperating.PostAsync(camille, edit, form, grenier, panier)));
        Assert.Equal("Le camion des collectes solidaires", await app.WithDbAsync((db, _) => db.Set<Cooperation>().Select(c => c.Title).SingleAsync()));
        var delete = await camille.PostFormAsync($"/cooperations/{cooperation.Id}", $"/cooperations/{cooperation.Id}?handler=Delete", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);

        // A facilitator deletes it, after a confirmation.
        var facilitator = await Cooperating.FacilitatorAsync(app);
        Assert.Contains("Oui, supprimer", await facilitator.GetStringAsync($"/cooperations/{cooperation.Id}?supprimer=oui"));
        delete = await facilitator.PostFormAsync($"/cooperations/{cooperation.Id}?supprimer=oui", $"/cooperations/{cooperation.Id}?handler=Delete", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.Set<Cooperation>().CountAsync()));
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.Set<CooperationParticipant>().CountAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_cooperations_a_person_recorded_are_in_her_data_and_stay_for_the_network_when_her_account_goes(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var grenier = await new OrganizationBuilder().Named("Ressourcerie Le Grenier").SaveAsync(app);
        var panier = await new OrganizationBuilder().Named("Le Panier de Wazemmes").SaveAsync(app);
        var camille = await Cooperating.EditorAsync(app, "camille@example.org", grenier);
        Cooperating.IdOf(await Cooperating.PostAsync(camille, "/cooperations/nouvelle", Cooperating.Form(), grenier, panier));

        using var export = JsonDocument.Parse(await camille.GetStringAsync("/compte/donnees?handler=Export"));
        var recorded = export.RootElement.GetProperty("cooperations").GetProperty("enregistrées");
        Assert.Equal("Un camion partagé pour les collectes", Assert.Single(recorded.EnumerateArray()).GetProperty("nom").GetString());

        await app.WithDbAsync(async (_, services) =>
        {
            var user = await services.GetRequiredService<UserManager<User>>().FindByEmailAsync("camille@example.org");
            Assert.True((await services.GetRequiredService<PersonalDataService>().DeleteAsync(user!, CancellationToken.None)).Succeeded);
            return true;
        });
        var kept = await app.WithDbAsync((db, _) => db.Set<Cooperation>().Include(c => c.Participants).SingleAsync());
        Assert.Null(kept.CreatedByUserId);
        Assert.Equal(2, kept.Participants.Count);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_territory_outside_the_region_stays_selected_when_the_cooperation_is_edited(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var grenier = await new OrganizationBuilder().Named("Ressourcerie Le Grenier").SaveAsync(app);
        var cooperation = await Cooperating.SaveAsync(app, "Échanges avec Paris", CooperationKind.ProjectPartnership, TerritoryLevel.Departement, "75",
            new DateOnly(2025, 1, 1), null, outside: "Une coopérative parisienne", participants: [grenier]);
        var facilitator = await Cooperating.FacilitatorAsync(app);

        var html = await facilitator.GetStringAsync($"/cooperations/{cooperation.Id}/modifier");

        Assert.Contains("<option value=\"departement:75\" selected=\"selected\">Paris (75)</option>", html);
    }
}
