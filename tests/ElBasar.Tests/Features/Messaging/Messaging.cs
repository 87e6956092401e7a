using ElBasar.Tests.Features.Directory;
using ElBasar.Tests.Infrastructure.Email;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Messaging;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Messaging;

/// <summary>A receiving organisation with an owner and an editor, and the helpers the messaging tests share.</summary>
static class Messaging
{
    public sealed record Receiver(Organization Organization, HttpClient Owner, Guid OwnerId, HttpClient Editor, Guid EditorId);

    public static async Task<Receiver> ReceiverAsync(TestApp app, string name = "Atelier Roue Libre")
    {
        var organization = await new OrganizationBuilder().Named(name).SaveAsync(app);
        var (owner, ownerId) = await SignedIn.PersonAsync(app, "owner@roue.example.org", "Dominique Responsable");
        await SignedIn.AddAsync(app, organization.Id, ownerId, OrganizationRole.Owner);
        var (editor, editorId) = await SignedIn.PersonAsync(app, "editor@roue.example.org", "Sacha Éditrice");
        await SignedIn.AddAsync(app, organization.Id, editorId, OrganizationRole.Editor);
        return new Receiver(organization, owner, ownerId, editor, editorId);
    }

    /// <summary>Fills the "Contacter" form; returns the response (a redirect to the conversation when it worked).</summary>
    public static Task<HttpResponseMessage> ContactAsync(HttpClient client, string query, string message, string? asOrganization = null)
    {
        var fields = new Dictionary<string, string> { ["Input.Message"] = message };
        if (asOrganization is not null) fields["Input.AsOrganization"] = asOrganization;
        return client.SubmitAsync($"/messages/nouveau?{query}", fields);
    }

    public static Guid ConversationIdOf(HttpResponseMessage redirect)
    {
        Assert.Equal(System.Net.HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!.OriginalString;
        Assert.StartsWith("/messages/", location);
        return Guid.Parse(location["/messages/".Length..].Split('#', '?')[0]);
    }

    public static Task<HttpResponseMessage> ReplyAsync(HttpClient client, Guid conversationId, string message) =>
        client.SubmitAsync($"/messages/{conversationId}", new Dictionary<string, string> { ["Message"] = message });

    public static Task<HttpResponseMessage> PostActionAsync(HttpClient client, Guid conversationId, string handler, IDictionary<string, string>? fields = null) =>
        TestAccounts.PostFormAsync(client, $"/messages/{conversationId}", $"/messages/{conversationId}?handler={handler}", fields ?? new Dictionary<string, string>());

    /// <summary>Sends what the outbox holds into the pickup folder, then reads every .eml there.</summary>
    public static async Task<List<Eml>> MailFolderAsync(TestApp app)
    {
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DispatchOnceAsync() > 0) { }
        if (!System.IO.Directory.Exists(app.MailFolder)) return [];
        return System.IO.Directory.GetFiles(app.MailFolder, "*.eml").Order().Select(f => Eml.Parse(File.ReadAllBytes(f))).ToList();
    }

    public static Task<int> CountAsync(TestApp app) => app.WithDbAsync((db, _) => db.Conversations.CountAsync());
}
