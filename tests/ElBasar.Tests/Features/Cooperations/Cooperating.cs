using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Cooperations;
using ElBasar.Web.Features.Directory;

namespace ElBasar.Tests.Features.Cooperations;

/// <summary>The cooperation tests' shared moves: people signed in, a cooperation saved as it would be stored.</summary>
static class Cooperating
{
    public static async Task<HttpClient> FacilitatorAsync(TestApp app, string email = "animation@example.org")
    {
        await app.CreateAccountAsync(email, SiteRoles.Facilitator, "Nadia Animatrice");
        return await app.SignedInAsync(email);
    }

    /// <summary>An editor of <paramref name="organization"/> (or of no organisation), signed in.</summary>
    public static async Task<HttpClient> EditorAsync(TestApp app, string email, Organization? organization)
    {
        var user = await app.CreateAccountAsync(email, SiteRoles.Member, "Camille Martin");
        if (organization is not null)
        {
            await app.WithDbAsync(async db =>
            {
                db.Set<OrganizationMember>().Add(new OrganizationMember
                {
                    OrganizationId = organization.Id, UserId = user.Id, Role = OrganizationRole.Editor, Since = FakeClock.Default.UtcDateTime,
                });
                await db.SaveChangesAsync();
            });
        }
        return await app.SignedInAsync(email);
    }

    /// <summary>What the form posts for a valid cooperation between the given organisations.</summary>
    public static Dictionary<string, string> Form()
    {
        return new Dictionary<string, string>
        {
            ["Input.Title"] = "Un camion partagé pour les collectes",
            ["Input.Kind"] = "pooling",
            ["Input.Sector"] = "mobility",
            ["Input.Territory"] = "epci:200093201",
            ["Input.Commune"] = "",
            ["Input.OutsidePartners"] = "",
            ["Input.Origin"] = "Chacun louait un utilitaire les mêmes jours.",
            ["Input.Governance"] = "Un comité d'usagers.",
            ["Input.Stakes"] = "Moins de frais, moins de camions.",
            ["Input.WorkingTogether"] = "Un planning partagé.",
            ["Input.ContactName"] = "Mathilde Roussel",
            ["Input.ContactEmail"] = "camion@example.org",
            ["Input.ContactPhone"] = "03 20 00 00 00",
            ["Input.StartsOn"] = "2025-05-01",
            ["Input.EndsOn"] = "",
        };
    }

    /// <summary>Posts the form with its checkboxes (one field name, several values), after loading the page for its token.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, Dictionary<string, string> fields, params Organization[] participants)
    {
        var html = await client.GetStringAsync(page);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(token.Success, $"No antiforgery token on {page}.");
        var body = fields.Select(f => KeyValuePair.Create(f.Key, f.Value))
            .Concat(participants.Select(p => KeyValuePair.Create("Input.Participants", p.Id.ToString())))
            .Append(KeyValuePair.Create("__RequestVerificationToken", System.Net.WebUtility.HtmlDecode(token.Groups[1].Value)));
        return await client.PostAsync(page, new FormUrlEncodedContent(body));
    }

    public static Guid IdOf(HttpResponseMessage redirect)
    {
        Assert.Equal(System.Net.HttpStatusCode.Redirect, redirect.StatusCode);
        var path = redirect.Headers.Location!.OriginalString;
        Assert.StartsWith("/cooperations/", path);
        return Guid.Parse(path["/cooperations/".Length..].Split('?')[0]);
    }

    /// <summary>A cooperation stored directly, for the tests of lists, filters and figures.</summary>
    public static async Task<Cooperation> SaveAsync(TestApp app, string title, CooperationKind kind, TerritoryLevel level, string code,
        DateOnly startsOn, DateOnly? endsOn, string sector = "mobility", string? outside = null, params Organization[] participants)
    {
        var cooperation = new Cooperation
        {
            Title = title, Kind = kind, Sector = sector, TerritoryLevel = level, TerritoryCode = code, OutsidePartners = outside,
            ContactName = "Contact", ContactEmail = "contact@example.org", StartsOn = startsOn, EndsOn = endsOn,
            CreatedAt = FakeClock.Default.UtcDateTime, UpdatedAt = FakeClock.Default.UtcDateTime,
        };
        cooperation.Participants.AddRange(participants.Select(p => new CooperationParticipant { CooperationId = cooperation.Id, OrganizationId = p.Id }));
        await app.WithDbAsync(async db =>
        {
            db.Add(cooperation);
            await db.SaveChangesAsync();
        });
        return cooperation;
    }
}
