using System.Net;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Membership;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Administration;

public sealed class AuditLogTests
{
    [SkippableTheory, BothDatabases]
    public async Task The_back_office_actions_of_admins_and_facilitators_land_in_the_journal_with_who_did_them(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await Admins.AdminAsync(app);
        var staff = await Admins.FacilitatorAsync(app);
        var org = await new OrganizationBuilder().Named("Atelier Roue Libre").NotMember().SaveAsync(app);
        var listing = await new ListingBuilder(org).Titled("Vélo cargo à prêter").SaveAsync(app);
        var unpaid = await new ListingBuilder(org).Titled("Buffet pour vos événements").WithStatus(ListingStatus.Unpaid).SaveAsync(app);
        var paymentId = await app.WithDbAsync(async (db, _) =>
        {
            var payment = new Payment
            {
                OrganizationId = org.Id, ListingId = unpaid.Id, Purpose = PaymentPurpose.Listing, AmountEur = 10, Status = PaymentStatus.Pending,
                Provider = "manual", CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
            };
            db.Payments.Add(payment);
            await db.SaveChangesAsync();
            return payment.Id;
        });

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/admin/charte", new Dictionary<string, string> { ["Text"] = "Charte du réseau\n\nArticle unique : coopérer." })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/admin/adhesions", new Dictionary<string, string>
        {
            ["Labels[individuel]"] = "Individuel", ["Fees[individuel]"] = "10",
            ["Labels[structure]"] = "Structure", ["Fees[structure]"] = "40",
            ["Labels[structure-employeuse]"] = "Structure employeuse", ["Fees[structure-employeuse]"] = "120",
        })).StatusCode);
        var desk = $"/animation/adhesions/{org.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(desk, desk, new Dictionary<string, string> { ["Year"] = "2026", ["Method"] = "transfer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(desk, desk, new Dictionary<string, string> { ["Year"] = "2027", ["Method"] = "waived" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync("/animation/paiements", "/animation/paiements",
            new Dictionary<string, string> { ["paymentId"] = paymentId.ToString(), ["method"] = "transfer" })).StatusCode);
        var manage = $"/moderation/annonces/{listing.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(manage, $"{manage}?handler=Hide", new Dictionary<string, string> { ["Input.Reason"] = "Paiement demandé hors plateforme." })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(manage, $"{manage}?handler=Restore", new Dictionary<string, string> { ["Input.Reason"] = "Vérifié." })).StatusCode);

        var entries = await Admins.AuditAsync(app);
        Assert.Equal(
        [
            (AuditActions.CharterPublished, Admins.AdminName, AuditSubjects.Charter),
            (AuditActions.TiersUpdated, Admins.AdminName, AuditSubjects.MembershipTiers),
            (AuditActions.MembershipRecorded, Admins.FacilitatorName, AuditSubjects.Organization),
            (AuditActions.MembershipWaived, Admins.FacilitatorName, AuditSubjects.Organization),
            (AuditActions.PaymentSettled, Admins.FacilitatorName, AuditSubjects.Payment),
            (AuditActions.ModerationHidden, Admins.FacilitatorName, AuditSubjects.Listing),
            (AuditActions.ModerationRestored, Admins.FacilitatorName, AuditSubjects.Listing),
        ], entries.Select(e => (e.Action, e.ActorName, e.SubjectKind)));
        Assert.Equal("Version 2 de la charte publiée.", entries[0].Summary);
        Assert.StartsWith("Barème des cotisations : ", entries[1].Summary);
        Assert.Contains("Individuel 10 €", entries[1].Summary);
        Assert.Contains("Structure employeuse 120 €", entries[1].Summary);
        Assert.Equal("Cotisation 2026 de « Atelier Roue Libre » enregistrée : 40 €, reçu 2026-0001.", entries[2].Summary);
        Assert.Equal("Cotisation 2027 de « Atelier Roue Libre » exonérée.", entries[3].Summary);
        Assert.Equal("Publication de « Buffet pour vos événements » : 10 € réglés.", entries[4].Summary);
        Assert.Equal("Annonce « Vélo cargo à prêter » : masquée : Paiement demandé hors plateforme.", entries[5].Summary);
        Assert.Equal("Annonce « Vélo cargo à prêter » : rétablie.", entries[6].Summary);
        Assert.Equal(listing.Id.ToString(), entries[5].SubjectId);

        var journal = Html.VisibleText(await admin.GetStringAsync("/admin/journal"));
        Assert.Contains("7 actions.", journal);
        Assert.True(journal.IndexOf("rétablie.", StringComparison.Ordinal) < journal.IndexOf("Version 2 de la charte", StringComparison.Ordinal), "Newest first.");
    }

    [SkippableTheory, BothDatabases]
    public async Task The_journal_filters_by_person_action_subject_dates_and_words_pages_and_exports(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await Admins.AdminAsync(app);
        var someone = await app.CreateAccountAsync("sacha@example.org", SiteRoles.Facilitator, "Sacha Durand");
        var start = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 55; i++)
                db.Set<AuditEntry>().Add(new AuditEntry
                {
                    At = start.AddDays(i), ActorId = someone.Id, ActorName = "Sacha Durand", Action = AuditActions.ModerationHidden,
                    SubjectKind = AuditSubjects.Listing, SubjectId = Guid.NewGuid().ToString(), Summary = $"Annonce « Objet {i} » : masqué : spam.",
                });
            db.Set<AuditEntry>().Add(new AuditEntry
            {
                At = start.AddDays(10).AddHours(1), ActorName = AuditLog.SystemName, Action = AuditActions.PaymentSettled,
                SubjectKind = AuditSubjects.Payment, Summary = "Publication de « Tonnelle » : 10 € réglés.",
            });
            await db.SaveChangesAsync();
        });

        string Text(string query) => Html.VisibleText(admin.GetStringAsync($"/admin/journal{query}").Result);
        Assert.Contains("56 actions.", Text(""));
        Assert.Contains("Page 1 sur 2.", Text(""));
        Assert.Contains("Objet 0 ", Text("?p=2"));
        Assert.Contains("55 actions.", Text($"?personne={someone.Id}"));
        Assert.Contains("1 action.", Text($"?action={AuditActions.PaymentSettled}"));
        Assert.Contains("1 action.", Text($"?sujet={AuditSubjects.Payment}"));
        Assert.Contains("3 actions.", Text("?du=2026-03-10&au=2026-03-11"));
        Assert.Contains("1 action.", Text("?texte=TONNELLE"));
        Assert.Contains("1 action.", Text("?texte=objet 5&au=2026-03-15"));
        var refused = Text("?du=hier");
        Assert.Contains("La date de début doit être une date, par exemple 2026-03-01.", refused);
        Assert.Contains("56 actions.", refused);

        var csv = await admin.GetAsync($"/admin/journal.csv?action={AuditActions.PaymentSettled}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["Date;Personne;Action;Sujet;Identifiant;Résumé", "11/03/2026 14:00;Système;Paiement d'annonce enregistré;Paiement;;Publication de « Tonnelle » : 10 € réglés."], lines);
    }

    [SkippableTheory, BothDatabases]
    public async Task Only_admins_open_the_settings_pages(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var staff = await Admins.FacilitatorAsync(app);
        var member = await app.SignedInAsync("camille@example.org", SiteRoles.Member);
        var admin = await Admins.AdminAsync(app);

        foreach (var path in new[] { "/admin/reglages", "/admin/taxonomie", "/admin/thesaurus", "/admin/utilisateurs", "/admin/journal", "/admin/journal.csv" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(path)).StatusCode);
            foreach (var client in new[] { staff, member })
            {
                var refused = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
                Assert.StartsWith("/erreur/403", refused.Headers.Location?.PathAndQuery);
            }
            var anonymous = await app.Browser().GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/compte/connexion", anonymous.Headers.Location?.PathAndQuery);
        }
        var dashboard = Html.VisibleText(await admin.GetStringAsync("/animation"));
        Assert.Contains("Le journal des actions", dashboard);
        Assert.DoesNotContain("Le journal des actions", Html.VisibleText(await staff.GetStringAsync("/animation")));
        var forbiddenPost = await staff.PostAsync("/admin/utilisateurs?handler=Lock&id=" + Guid.NewGuid(), new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.StartsWith("/erreur/403", forbiddenPost.Headers.Location?.PathAndQuery);
        Assert.Empty(await Admins.AuditAsync(app));
    }
}
