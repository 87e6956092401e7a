using System.Net;
using System.Text.RegularExpressions;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Alerts;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Alerts;

public sealed partial class AlertPageTests
{
    [SkippableTheory, BothDatabases]
    public async Task Saving_from_the_results_page_signs_in_first_and_keeps_the_query(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        await new OrganizationBuilder().SaveAsync(app);
        var results = await app.Browser().GetStringAsync("/recherche?q=tonnelle&kind=offer&category=equipment&commune=59350&radiusKm=20&sort=newest");
        var link = System.Net.WebUtility.HtmlDecode(AlertLink().Match(results).Groups[1].Value);
        Assert.Equal("/espace/alertes/nouvelle?q=tonnelle&kind=offer&category=equipment&commune=59350&radiusKm=20", link);

        var anonymous = await app.Browser().GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/compte/connexion", anonymous.Headers.Location!.OriginalString);
        Assert.Contains(Uri.EscapeDataString(link), anonymous.Headers.Location.OriginalString);

        var camille = await Alerting.PersonAsync(app, "camille@example.org");
        var form = Html.VisibleText(await camille.Client.GetStringAsync(link));
        Assert.Contains("Mots : « tonnelle »", form);
        Assert.Contains("À moins de 20 km de Lille", form);

        var empty = await camille.Client.SubmitAsync(link, new Dictionary<string, string> { ["Name"] = "  ", ["Frequency"] = "weekly" });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Donnez un nom à cette alerte.", Html.VisibleText(await empty.Content.ReadAsStringAsync()));

        var created = await camille.Client.SubmitAsync(link, new Dictionary<string, string> { ["Name"] = "Tonnelles près de Lille", ["Frequency"] = "weekly" });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var saved = await app.WithDbAsync((db, _) => db.SavedSearches.SingleAsync());
        Assert.Equal(AlertFrequency.Weekly, saved.Frequency);
        var query = SavedSearchQuery.FromJson(saved.QueryJson);
        Assert.Equal(("tonnelle", "offer", "equipment", "59350", 20.0), (query.Q, query.Kind, query.Category![0], query.Commune, query.RadiusKm));
        var page = Html.VisibleText(await camille.Client.GetStringAsync(created.Headers.Location!.OriginalString));
        Assert.Contains("L'alerte « Tonnelles près de Lille » est créée.", page);
        Assert.Contains("Mes alertes", Html.VisibleText(await camille.Client.GetStringAsync("/espace")));
    }

    [SkippableTheory, BothDatabases]
    public async Task An_alert_is_renamed_paused_and_deleted_from_my_alerts_and_a_bad_name_keeps_what_was_typed(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var camille = await Alerting.PersonAsync(app, "camille@example.org");
        var saved = await camille.SaveAsync("Tonnelles", new { q = "tonnelle" });
        var update = $"/espace/alertes?handler=Update&id={saved.Id}";

        var tooLong = new string('x', 101);
        var failed = await camille.Client.PostFormAsync("/espace/alertes", update, new Dictionary<string, string> { ["name"] = tooLong, ["frequency"] = "daily" });
        var failedPage = await failed.Content.ReadAsStringAsync();
        Assert.Contains("Le nom ne peut dépasser 100 caractères.", Html.VisibleText(failedPage));
        Assert.Contains($"value=\"{tooLong}\"", failedPage);

        var renamed = await camille.Client.PostFormAsync("/espace/alertes", update,
            new Dictionary<string, string> { ["name"] = "Barnums et tonnelles", ["frequency"] = "weekly", ["paused"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        var row = await app.WithDbAsync((db, _) => db.SavedSearches.SingleAsync());
        Assert.Equal(("Barnums et tonnelles", AlertFrequency.Weekly, true), (row.Name, row.Frequency, row.Paused));
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.SavedSearchKeys.CountAsync()));
        Assert.Contains("En pause", Html.VisibleText(await camille.Client.GetStringAsync("/espace/alertes")));

        var dominique = await Alerting.PersonAsync(app, "dominique@example.org", "Dominique Durand");
        Assert.Equal(HttpStatusCode.NotFound, (await dominique.Client.PostFormAsync("/espace/alertes", $"/espace/alertes?handler=Delete&id={saved.Id}", new Dictionary<string, string>())).StatusCode);
        var deleted = await camille.Client.PostFormAsync("/espace/alertes", $"/espace/alertes?handler=Delete&id={saved.Id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.SavedSearches.CountAsync()));
    }

    [GeneratedRegex("href=\"([^\"]*/espace/alertes/nouvelle[^\"]*)\"")]
    private static partial Regex AlertLink();
}
