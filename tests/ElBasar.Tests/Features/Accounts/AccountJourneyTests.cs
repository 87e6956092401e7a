using System.Net;
using System.Text.RegularExpressions;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Accounts;

public sealed partial class AccountJourneyTests
{
    const string Password = "une phrase de passe solide";

    static HttpClient Browser(TestApp app) => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    static Dictionary<string, string> SignUpFields(string email, string password = Password, string name = "Camille Martin") => new()
    {
        ["Input.Name"] = name, ["Input.Email"] = email, ["Input.Password"] = password,
    };

    static async Task<List<OutboxMessage>> MailsToAsync(TestApp app, string address) =>
        await app.WithDbAsync((db, _) => db.Set<OutboxMessage>().Where(m => m.ToAddress == address).OrderBy(m => m.CreatedAt).ToListAsync());

    static string LinkIn(OutboxMessage mail) => new Uri(Link().Match(mail.TextBody).Value).PathAndQuery;

    [SkippableTheory, BothDatabases]
    public async Task A_person_signs_up_confirms_the_address_then_signs_in_and_out(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = Browser(app);

        var signUp = await client.SubmitAsync("/compte/inscription", SignUpFields("camille@example.org"));

        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
        Assert.Equal("/compte/verifiez-vos-emails", signUp.Headers.Location?.OriginalString);
        var mail = Assert.Single(await MailsToAsync(app, "camille@example.org"));
        Assert.Equal("Confirmez votre adresse e-mail", mail.Subject);
        Assert.Contains("Bonjour Camille Martin", mail.TextBody);
        Assert.Contains("<a href=", mail.HtmlBody);

        var tooEarly = await client.SubmitAsync("/compte/connexion", new Dictionary<string, string> { ["Input.Email"] = "camille@example.org", ["Input.Password"] = Password });
        Assert.Contains("pas encore confirmée", WebUtility.HtmlDecode(await tooEarly.Content.ReadAsStringAsync()));

        var confirmed = await client.GetStringAsync(LinkIn(mail));
        Assert.Contains("Adresse confirmée", WebUtility.HtmlDecode(confirmed));

        var signIn = await client.SubmitAsync("/compte/connexion", new Dictionary<string, string> { ["Input.Email"] = "camille@example.org", ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("Se déconnecter", WebUtility.HtmlDecode(await client.GetStringAsync("/")));

        var home = await client.GetStringAsync("/");
        var token = Regex.Match(home, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var posted = await client.PostAsync("/compte/deconnexion", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("Se connecter", WebUtility.HtmlDecode(await client.GetStringAsync("/")));
    }

    [SkippableTheory, BothDatabases]
    public async Task Signing_up_with_an_address_that_has_an_account_looks_the_same_and_warns_its_owner(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await Browser(app).SubmitAsync("/compte/inscription", SignUpFields("dominique@example.org"));

        var again = await Browser(app).SubmitAsync("/compte/inscription", SignUpFields("dominique@example.org", name: "Quelqu'un d'autre"));

        Assert.Equal("/compte/verifiez-vos-emails", again.Headers.Location?.OriginalString);
        var mails = await MailsToAsync(app, "dominique@example.org");
        Assert.Equal(["Confirmez votre adresse e-mail", "Votre compte elBasar"], mails.Select(m => m.Subject));
        Assert.Equal(1, await app.WithDbAsync((db, _) => db.Set<User>().CountAsync()));
    }

    [SkippableTheory]
    [InlineData("sqlite", "motdepasse123", "plus utilisés")]
    [InlineData("sqlite", "court", "au moins 10 caractères")]
    [InlineData("postgresql", "azertyuiop", "plus utilisés")]
    public async Task A_weak_password_is_refused_in_french_and_the_rest_of_the_form_is_kept(string provider, string password, string message)
    {
        await using var app = await TestApp.StartAsync(provider);

        var response = await Browser(app).SubmitAsync("/compte/inscription", SignUpFields("sacha@example.org", password, "Sacha <b>Dupont</b>"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, WebUtility.HtmlDecode(html));
        Assert.Contains("value=\"sacha@example.org\"", html);
        Assert.Contains("Sacha &lt;b&gt;Dupont&lt;/b&gt;", html);
        Assert.DoesNotContain(password, html);
    }

    [SkippableTheory, BothDatabases]
    public async Task Five_wrong_passwords_lock_the_account_and_messages_never_say_who_exists(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await CreateConfirmedAsync(app, "alex@example.org");
        var client = Browser(app);
        async Task<string> TryAsync(string email, string password) =>
            WebUtility.HtmlDecode(await (await client.SubmitAsync("/compte/connexion",
                new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password })).Content.ReadAsStringAsync());

        var unknown = await TryAsync("personne@example.org", Password);
        for (var i = 0; i < 5; i++) Assert.Contains(SignInModel.Failed, await TryAsync("alex@example.org", "pas le bon mot de passe"));
        var locked = await TryAsync("alex@example.org", Password);

        Assert.Contains(SignInModel.Failed, unknown);
        Assert.Contains(SignInModel.Failed, locked);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_forgotten_password_is_replaced_through_the_mailed_link(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await CreateConfirmedAsync(app, "noa@example.org");
        var client = Browser(app);

        var asked = await client.SubmitAsync("/compte/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = "noa@example.org" });
        var askedUnknown = await client.SubmitAsync("/compte/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = "inconnu@example.org" });

        Assert.Equal(asked.Headers.Location, askedUnknown.Headers.Location);
        var link = LinkIn(Assert.Single(await MailsToAsync(app, "noa@example.org")));
        var reset = await client.SubmitAsync(link, new Dictionary<string, string> { ["Password"] = "un tout nouveau mot de passe" });
        Assert.Contains("a été changé", WebUtility.HtmlDecode(await reset.Content.ReadAsStringAsync()));
        var signIn = await client.SubmitAsync("/compte/connexion", new Dictionary<string, string> { ["Input.Email"] = "noa@example.org", ["Input.Password"] = "un tout nouveau mot de passe" });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [SkippableFact]
    public async Task Too_many_sign_in_attempts_from_one_address_answer_429_in_french()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var client = Browser(app);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= AccountLimits.PermitsPerMinute; i++)
        {
            statuses.Add((await client.SubmitAsync("/compte/connexion",
                new Dictionary<string, string> { ["Input.Email"] = "x@example.org", ["Input.Password"] = "nimportequoi1" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_users_create_verb_makes_a_confirmed_account_with_its_role(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exit = await UsersCommand.RunAsync(app.Services, ["create", "--email", "admin@example.org", "--password", Password, "--role", "admin", "--name", "Admin"], output, errors);
        var badRole = await UsersCommand.RunAsync(app.Services, ["create", "--email", "b@example.org", "--password", Password, "--role", "king"], TextWriter.Null, TextWriter.Null);

        Assert.Equal(0, exit);
        Assert.Equal(2, badRole);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var admin = (await users.FindByEmailAsync("admin@example.org"))!;
        Assert.True(admin.EmailConfirmed);
        Assert.True(await users.IsInRoleAsync(admin, SiteRoles.Admin));
        var signIn = await Browser(app).SubmitAsync("/compte/connexion", new Dictionary<string, string> { ["Input.Email"] = "admin@example.org", ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    static async Task CreateConfirmedAsync(TestApp app, string email) =>
        Assert.Equal(0, await UsersCommand.RunAsync(app.Services, ["create", "--email", email, "--password", Password], TextWriter.Null, TextWriter.Null));

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
