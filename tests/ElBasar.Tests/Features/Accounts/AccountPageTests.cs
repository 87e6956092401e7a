using System.Net;
using System.Text.RegularExpressions;
using ElBasar.Tests.Infrastructure.Email;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Accounts;

public sealed partial class AccountPageTests
{
    static Dictionary<string, string> SignInFields(string email, string password) => new() { ["Input.Email"] = email, ["Input.Password"] = password };

    static async Task<List<Eml>> SendMailAsync(TestApp app)
    {
        await app.Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync();
        return System.IO.Directory.Exists(app.MailFolder)
            ? System.IO.Directory.GetFiles(app.MailFolder, "*.eml").Order().Select(f => Eml.Parse(File.ReadAllBytes(f))).ToList()
            : [];
    }

    static async Task<User?> FindAsync(TestApp app, string email) =>
        await app.WithDbAsync((_, services) => services.GetRequiredService<UserManager<User>>().FindByEmailAsync(email));

    [SkippableTheory, BothDatabases]
    public async Task The_account_page_is_for_signed_in_people_and_shows_their_address(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var browser = await app.SignedInAsync("sam@example.org", SiteRoles.Member);

        var page = Html.VisibleText(await browser.GetStringAsync("/compte"));
        var anonymous = await app.Browser().GetAsync("/compte");

        Assert.Contains("Mon compte", page);
        Assert.Contains("Adresse actuelle : sam@example.org", page);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/compte/connexion", anonymous.Headers.Location?.PathAndQuery);
    }

    [SkippableTheory, BothDatabases]
    public async Task Changing_the_password_needs_the_current_one_and_refuses_the_usual_ones(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var browser = await app.SignedInAsync("noe@example.org", SiteRoles.Member);
        Task<HttpResponseMessage> ChangeAsync(string current, string next) => browser.PostFormAsync("/compte", "/compte?handler=Password",
            new Dictionary<string, string> { ["PasswordForm.CurrentPassword"] = current, ["PasswordForm.NewPassword"] = next });

        var wrongCurrent = await ChangeAsync("pas le bon mot de passe", "un tout nouveau mot de passe");
        var common = await ChangeAsync(TestAccounts.Password, "azertyuiop");
        var done = await ChangeAsync(TestAccounts.Password, "un tout nouveau mot de passe");

        Assert.Contains(AccountModel.WrongPassword, WebUtility.HtmlDecode(await wrongCurrent.Content.ReadAsStringAsync()));
        var commonHtml = await common.Content.ReadAsStringAsync();
        Assert.Contains("plus utilisés", WebUtility.HtmlDecode(commonHtml));
        Assert.DoesNotContain("azertyuiop", commonHtml);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/compte?fait=mot-de-passe", done.Headers.Location?.OriginalString);
        Assert.Contains("Votre mot de passe a été changé", WebUtility.HtmlDecode(await browser.GetStringAsync("/compte?fait=mot-de-passe")));
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().SubmitAsync("/compte/connexion", SignInFields("noe@example.org", "un tout nouveau mot de passe"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().SubmitAsync("/compte/connexion", SignInFields("noe@example.org", TestAccounts.Password))).StatusCode);
        Assert.Contains(await SendMailAsync(app), m => m.Header("Subject") == "Votre mot de passe a été changé");
    }

    [SkippableTheory, BothDatabases]
    public async Task A_new_address_applies_only_once_the_link_mailed_to_it_is_opened(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.CreateAccountAsync("deja-pris@example.org");
        var browser = await app.SignedInAsync("ancienne@example.org", SiteRoles.Member);
        Task<HttpResponseMessage> AskAsync(string email) => browser.PostFormAsync("/compte", "/compte?handler=Email",
            new Dictionary<string, string> { ["EmailForm.NewEmail"] = email, ["EmailForm.Password"] = TestAccounts.Password });

        var asked = await AskAsync("nouvelle@example.org");
        var taken = await AskAsync("deja-pris@example.org");

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal(asked.Headers.Location, taken.Headers.Location);
        Assert.NotNull(await FindAsync(app, "ancienne@example.org"));
        var mails = await SendMailAsync(app);
        Assert.Equal(2, mails.Count);
        var confirm = Assert.Single(mails, m => m.Header("To")!.Contains("nouvelle@example.org"));
        var notice = Assert.Single(mails, m => m.Header("To")!.Contains("ancienne@example.org"));
        Assert.Equal("Confirmez votre nouvelle adresse e-mail", confirm.Header("Subject"));
        Assert.Equal("Demande de changement d'adresse e-mail", notice.Header("Subject"));
        Assert.Contains("nouvelle@example.org", notice.Body("text/plain"));

        var link = new Uri(Link().Match(confirm.Body("text/plain")).Value).PathAndQuery;
        var opened = Html.VisibleText(await app.Browser().GetStringAsync(link));

        Assert.Contains("Adresse changée", opened);
        Assert.Null(await FindAsync(app, "ancienne@example.org"));
        Assert.Equal("nouvelle@example.org", (await FindAsync(app, "nouvelle@example.org"))?.UserName);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().SubmitAsync("/compte/connexion", SignInFields("nouvelle@example.org", TestAccounts.Password))).StatusCode);
        Assert.Contains("Lien non valable", Html.VisibleText(await app.Browser().GetStringAsync(link.Replace("nouvelle%40", "autre%40"))));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_name_that_fails_is_kept_and_a_name_that_passes_is_shown_encoded(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var browser = await app.SignedInAsync("lea@example.org", SiteRoles.Member);
        const string Script = "<script>alert(1)</script>";
        const string Attribute = "\"><img src=x onerror=alert(1)>";

        var tooLong = await browser.PostFormAsync("/compte", "/compte?handler=Name", new Dictionary<string, string> { ["NameForm.DisplayName"] = Script + new string('x', 200) });
        var saved = await browser.PostFormAsync("/compte", "/compte?handler=Name", new Dictionary<string, string> { ["NameForm.DisplayName"] = Attribute + Script });
        var token = await browser.PostFormAsync("/compte", "/compte?handler=CreateToken", new Dictionary<string, string> { ["TokenForm.Name"] = Script + Attribute });

        var kept = await tooLong.Content.ReadAsStringAsync();
        Assert.Contains("au plus 200 caractères", WebUtility.HtmlDecode(kept));
        Assert.Contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;xxx", kept);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await browser.GetStringAsync("/compte");
        var afterToken = await token.Content.ReadAsStringAsync();
        foreach (var html in new[] { kept, page, afterToken })
        {
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<img src=x", html);
        }
        Assert.Contains("value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"", page);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", afterToken);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
