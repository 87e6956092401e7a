using System.Collections.Concurrent;
using ElBasar.BrowserTests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ElBasar.BrowserTests;

/// <summary>
/// The pages behind sign-in (account, reporting, moderation, one's space, an organisation's profile,
/// people and listings, publishing and a listing's photos), as a facilitator who also owns an
/// organisation sees them: no serious accessibility fault, fit for a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignedInPagesTests(BrowserFixture browser, SiteFixture site) : IClassFixture<SiteFixture>
{
    const string Email = "animation@example.org";
    const string Password = "une phrase de passe solide";
    const string AReport = "(the report form of a listing)";
    const string AModeratedListing = "(the moderation page of a listing)";
    const string ListingPhotos = "(the photos page of a listing, as an editor of its organisation)";
    const string NewListing = "(the form to publish on behalf of an organisation one owns)";
    const string EditListing = "(the edit form of a listing of an organisation one owns)";
    const string OrganizationListings = "(the listings of an organisation one owns)";
    const string EditOrganization = "(the profile form of an organisation one owns)";
    const string PeoplePage = "(the people of an organisation one owns, with a pending request)";
    const string DemandsToFollow = "(an organisation's demands to follow, its owner signed in)";
    const string MembershipRecord = "(an organisation's memberships, for the facilitators, a payment recorded)";
    const string MembershipStatus = "(an organisation's membership and receipts, as its owner sees them)";
    const string AReceipt = "(a membership fee's receipt)";
    const string FeatureListing = "(the form to feature a listing of an organisation one owns)";
    const string OrganizationPayments = "(what an organisation one owns has to pay, a featuring asked for)";
    const string RefusedListing = "(the publishing form, refused, with its errors)";
    const string RefusedProfile = "(the new profile form, refused, with its errors)";
    const string Colleague = "benevole@example.org";
    const string Candidate = "candidate@example.org";
    const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    public static TheoryData<string> Pages => new()
    {
        "/compte", "/compte/donnees", "/moderation", "/moderation/journal", AReport, AModeratedListing, ListingPhotos,
        "/espace", "/structures/nouvelle", "/structures/nouvelle?type=personne", NewListing, EditListing, OrganizationListings, EditOrganization, PeoplePage, DemandsToFollow,
        RefusedListing, RefusedProfile, "/animation", "/animation/adhesions", MembershipRecord, MembershipStatus, AReceipt,
        "/animation/paiements", FeatureListing, OrganizationPayments,
        "/ressources/nouvelle",
    };

    // Signed in once per site, then each test starts with those cookies: the account forms take ten posts a minute.
    static readonly ConcurrentDictionary<Uri, string> SignedIn = new();

    static readonly string[] OwnerPages = ["/espace", NewListing, RefusedListing, EditListing, OrganizationListings, EditOrganization, PeoplePage, DemandsToFollow, MembershipRecord, MembershipStatus, AReceipt, FeatureListing, OrganizationPayments];

    [Theory, MemberData(nameof(Pages))]
    public async Task Page_has_no_serious_accessibility_violation_and_fits_a_phone(string address)
    {
        var phone = new ViewportSize { Width = 390, Height = 844 };
        if (!SignedIn.ContainsKey(site.BaseAddress))
        {
            await using var first = await browser.NewContextAsync(site, phone);
            await SignInAsync(await first.NewPageAsync());
            SignedIn[site.BaseAddress] = await first.StorageStateAsync();
        }
        await using var context = await browser.NewContextAsync(site, phone, SignedIn[site.BaseAddress]);
        var page = await context.NewPageAsync();

        var listing = address is AReport or AModeratedListing or ListingPhotos || OwnerPages.Contains(address) ? await FirstListingAsync(page) : null;
        if (address is ListingPhotos) await JoinOrganizationOfAsync(page, listing!);
        var organization = OwnerPages.Contains(address) ? await OwnOrganizationOfAsync(page, listing!) : null;
        var path = address switch
        {
            AReport => $"{listing}/signaler",
            AModeratedListing => $"/moderation{listing}",
            ListingPhotos => $"{listing}/photos",
            NewListing or RefusedListing => $"/annonces/nouvelle?structure={organization}",
            EditListing => $"{listing}/modifier",
            OrganizationListings => $"/structures/{organization}/annonces",
            EditOrganization => $"/structures/{organization}/modifier",
            PeoplePage => $"/structures/{organization}/personnes",
            DemandsToFollow => $"/structures/{organization}/demandes-a-suivre",
            MembershipRecord => $"/animation/adhesions/{organization}",
            MembershipStatus => $"/structures/{organization}/cotisation",
            AReceipt => await ReceiptOfAsync(page, organization!),
            FeatureListing => $"{listing}/a-la-une",
            OrganizationPayments => await FeatureAskedAsync(page, listing!, organization!),
            RefusedProfile => "/structures/nouvelle",
            _ => address,
        };
        var response = await page.GotoAsync(path);
        if (address is ListingPhotos)
        {
            // With a photo, so the list of photos and their forms are checked too.
            await page.GetByLabel("Photos à ajouter").SetInputFilesAsync(new FilePayload { Name = "tonnelle.png", MimeType = "image/png", Buffer = Convert.FromBase64String(OnePixelPng) });
            await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
            await Expect(page.GetByLabel("Description de la photo 1")).ToBeVisibleAsync();
        }
        if (address is RefusedListing)
        {
            // A blank title gets past the browser's own check of the required field, not past the site's.
            await page.GetByLabel("Titre").FillAsync(" ");
            await page.GetByLabel("Latitude (facultatif)").FillAsync("nord");
            await page.Locator("form.profile-form button[type=submit]").ClickAsync();
            await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        }
        if (address is RefusedProfile)
        {
            await page.GetByLabel("Commune").FillAsync("Zzyzx-sur-Mer");
            await page.GetByLabel("Nombre de salariés").FillAsync("beaucoup");
            await page.GetByRole(AriaRole.Button, new() { Name = "Créer le profil" }).ClickAsync();
            await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        }

        Assert.Equal(200, response?.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1] + 1, $"{page.Url} is {widths[0]}px wide on a {widths[1]}px phone screen: it scrolls sideways.");
    }

    async Task SignInAsync(IPage page)
    {
        // One facilitator for the class; the verb refuses a second account with the same address.
        await UsersCommand.RunAsync(site.Services, ["create", "--email", Email, "--password", Password, "--role", SiteRoles.Facilitator], TextWriter.Null, TextWriter.Null);
        await page.GotoAsync("/compte/connexion");
        await page.GetByLabel("Adresse e-mail").FillAsync(Email);
        await page.GetByLabel("Mot de passe").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mon compte" })).ToBeVisibleAsync();
    }

    // Only a listing's own people manage its photos: the facilitator joins its organisation as an editor.
    async Task JoinOrganizationOfAsync(IPage page, string listing)
    {
        var organization = await OrganizationOfAsync(page, listing);
        await UsersCommand.RunAsync(site.Services, ["add-to-organization", "--email", Email, "--organization", organization, "--role", "editor"], TextWriter.Null, TextWriter.Null);
    }

    // Publishing, the profile and its people are for the organisation's owners: the facilitator becomes
    // one, beside an editor and with someone asking to join, so that every form of the people page shows.
    async Task<string> OwnOrganizationOfAsync(IPage page, string listing)
    {
        var organization = await OrganizationOfAsync(page, listing);
        await UsersCommand.RunAsync(site.Services, ["add-to-organization", "--email", Email, "--organization", organization, "--role", "owner"], TextWriter.Null, TextWriter.Null);
        // Each verb refuses, harmlessly, what the class already did in an earlier test.
        await UsersCommand.RunAsync(site.Services, ["create", "--email", Colleague, "--password", Password, "--name", "Sacha Benevole"], TextWriter.Null, TextWriter.Null);
        await UsersCommand.RunAsync(site.Services, ["add-to-organization", "--email", Colleague, "--organization", organization, "--role", "editor"], TextWriter.Null, TextWriter.Null);
        await UsersCommand.RunAsync(site.Services, ["create", "--email", Candidate, "--password", Password, "--name", "Dominique Candidate"], TextWriter.Null, TextWriter.Null);
        await using var scope = site.Services.CreateAsyncScope();
        var candidate = (await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByEmailAsync(Candidate))!;
        await scope.ServiceProvider.GetRequiredService<OrganizationPeople>().RequestToJoinAsync(Guid.Parse(organization), candidate,
            "Je tiens la buvette le samedi et voudrais publier nos besoins.", $"/structures/{organization}/personnes", CancellationToken.None);
        return organization;
    }

    // The year's fee recorded once for the class, through the facilitators' form: its receipt's address.
    static async Task<string> ReceiptOfAsync(IPage page, string organization)
    {
        await page.GotoAsync($"/animation/adhesions/{organization}");
        var receipt = page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^n° ") });
        if (await receipt.CountAsync() == 0)
        {
            await page.GetByLabel("Virement").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le paiement" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Paiement enregistré");
        }
        return (await receipt.First.GetAttributeAsync("href"))!;
    }

    // Featuring asked for once, so the organisation's payments page has a line: its address.
    static async Task<string> FeatureAskedAsync(IPage page, string listing, string organization)
    {
        await page.GotoAsync($"{listing}/a-la-une");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Demander la mise à la une") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Paiements de "));
        return $"/structures/{organization}/paiements";
    }

    static async Task<string> OrganizationOfAsync(IPage page, string listing)
    {
        await page.GotoAsync(listing);
        // The organisation's page, or its listings page for its own people: the id is the same.
        return (await page.GetByRole(AriaRole.Main).Locator("a[href^='/structures/']").First.GetAttributeAsync("href"))!["/structures/".Length..][..36];
    }

    static async Task<string> FirstListingAsync(IPage page)
    {
        await page.GotoAsync("/");
        var href = await page.GetByRole(AriaRole.Main).Locator("a[href^='/annonces/']").First.GetAttributeAsync("href");
        Assert.False(string.IsNullOrEmpty(href), "No listing on the home page.");
        return href;
    }
}
