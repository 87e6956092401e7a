using ElBasar.Web.Features.Accounts.PersonalData;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Messaging;

/// <summary>
/// The messages a person wrote and the conversations they started. On deletion the messages stay
/// for the other side, their author shown as "compte supprimé" (the author column is set to null);
/// reads, blocks against the person and their reports go with the account.
/// </summary>
sealed class MessagingPersonalData(ElBasarDbContext db) : IPersonalDataSource
{
    public string Section => "messages";

    public async Task<object> ExportAsync(Guid userId, CancellationToken ct)
    {
        var organizations = db.Organizations;
        var started = await db.Conversations.AsNoTracking().Where(c => c.StarterUserId == userId).OrderBy(c => c.CreatedAt)
            .Select(c => new { id = c.Id, sujet = c.Subject, structureContactée = organizations.Where(o => o.Id == c.OrganizationId).Select(o => o.Name).FirstOrDefault(), commencéeLe = c.CreatedAt })
            .ToListAsync(ct);
        var written = await db.ConversationMessages.AsNoTracking().Where(m => m.AuthorId == userId).OrderBy(m => m.CreatedAt)
            .Select(m => new { conversation = m.ConversationId, texte = m.Body, écritLe = m.CreatedAt })
            .ToListAsync(ct);
        var reports = await db.ConversationReports.AsNoTracking().Where(r => r.ReporterId == userId).OrderBy(r => r.CreatedAt)
            .Select(r => new { conversation = r.ConversationId, motif = r.Reason, précisions = r.Details, signaléLe = r.CreatedAt })
            .ToListAsync(ct);
        return new { conversationsCommencées = started, messagesÉcrits = written, conversationsSignalées = reports };
    }

    // The database does it: conversation_messages.author_id and conversations.starter_user_id are
    // SET NULL, reads and reports CASCADE.
    public Task ForgetAsync(Guid userId, CancellationToken ct) => Task.CompletedTask;
}
