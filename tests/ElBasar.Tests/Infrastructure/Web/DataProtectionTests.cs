using System.Net;
using System.Text.RegularExpressions;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Infrastructure.Web;

/// <summary>Two sites on one database are two web nodes: what one seals (sign-in cookie, antiforgery token) the other opens.</summary>
public sealed partial class DataProtectionTests
{
    [SkippableTheory, BothDatabases]
    public async Task A_person_signed_in_on_one_node_goes_on_through_another(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = TestApp.StartOn(database);
        await using var second = TestApp.StartOn(database);
        await first.CreateAccountAsync("camille@example.org", SiteRoles.Member, "Camille Martin");
        // One browser, whose requests a load balancer sends to either node.
        var cookies = new CookieContainer();
        using var one = first.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var two = second.CreateDefaultClient(new CookieContainerHandler(cookies));

        var signedIn = await one.SubmitAsync("/compte/connexion", new Dictionary<string, string> { ["Input.Email"] = "camille@example.org", ["Input.Password"] = TestAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var account = await two.GetAsync("/compte");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Contains("camille@example.org", await account.Content.ReadAsStringAsync());

        // A form shown by the first node, posted to the second.
        var token = AntiforgeryToken().Match(await one.GetStringAsync("/compte"));
        Assert.True(token.Success);
        var renamed = await two.PostAsync("/compte?handler=Name", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["NameForm.DisplayName"] = "Camille Durand",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        await using (var scope = second.Services.CreateAsyncScope())
            Assert.Equal("Camille Durand", (await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByEmailAsync("camille@example.org"))!.DisplayName);

        // One key, in the database, for both.
        var key = Assert.Single(await first.WithDbAsync((db, _) => db.DataProtectionKeys.AsNoTracking().ToListAsync()));
        Assert.Contains("<key ", key.Xml);
    }

    [SkippableFact]
    public async Task Nodes_started_together_on_a_new_postgresql_database_seed_it_once_and_make_one_key()
    {
        await using var database = await TestDatabase.CreateUnstartedAsync("postgresql");
        var apps = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => TestApp.StartOn(database))));
        try
        {
            Assert.Single(await apps[0].WithDbAsync((db, _) => db.DataProtectionKeys.AsNoTracking().ToListAsync()));
        }
        finally
        {
            foreach (var app in apps) await app.DisposeAsync();
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
