using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Features.Directory;
using ElBasar.Tests.Features.Listings.Publishing;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;

namespace ElBasar.Tests.Features.Lending;

/// <summary>Organisations that lend and borrow, with their people, and the API calls of a loan.</summary>
static class Lenders
{
    public sealed record Party(Organization Organization, Person Person);

    public static async Task<Party> PartyAsync(TestApp app, string name, string email, bool member = true, string commune = "Lille")
    {
        var builder = new OrganizationBuilder().Named(name);
        if (!member) builder.NotMember();
        if (commune == "Béthune") builder.In("62119", "Béthune", 50.5303, 2.6408);
        var org = await builder.SaveAsync(app);
        return new Party(org, await People.CreateAsync(app, email, organizationId: org.Id));
    }

    public static async Task<Guid> ItemAsync(this Party lender, string title = "Tente de réception 3x3 m", int quantity = 1, bool autoApprove = false,
        int maxLoanDays = 14, string audience = "members", string category = "equipment")
    {
        var response = await lender.Person.Api.PostAsJsonAsync("/api/v1/items", new
        {
            organizationId = lender.Organization.Id, title, description = "Avec ses piquets et sa bâche.", category, quantity,
            depositEur = 50, autoApprove, maxLoanDays, audience, pickupPlace = "12 rue du Marché", pickupHours = "Mardi et jeudi, 14 h-18 h",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> ReserveAsync(this Party borrower, Guid itemId, string from, string to, bool personal = false) =>
        borrower.Person.Api.PostAsJsonAsync($"/api/v1/items/{itemId}/reservations",
            personal ? (object)new { from, to } : new { from, to, asOrganizationId = borrower.Organization.Id, message = "Pour notre fête de quartier." });

    public static async Task<(Guid Id, string Status)> ReservedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetGuid(), body.GetProperty("status").GetString()!);
    }

    public static Task<HttpResponseMessage> ActAsync(this Party party, Guid reservationId, string action, object? body = null) =>
        party.Person.Api.PostAsJsonAsync($"/api/v1/reservations/{reservationId}/{action}", body ?? new { });

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();
}
