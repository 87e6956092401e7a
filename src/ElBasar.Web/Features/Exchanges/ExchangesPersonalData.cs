using ElBasar.Web.Features.Accounts.PersonalData;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>
/// The exchanges a person declared or confirmed, the recommendations they wrote or answered, and the
/// follow-up contacts a facilitator recorded. Exchanges and recommendations belong to the
/// organisations and stay when the account goes (the database forgets who typed them: SET NULL);
/// a facilitator's contact notes lose the name they were written under.
/// </summary>
sealed class ExchangesPersonalData(ElBasarDbContext db) : IPersonalDataSource
{
    public string Section => "échanges";

    public async Task<object> ExportAsync(Guid userId, CancellationToken ct)
    {
        var exchanges = await db.Exchanges.AsNoTracking().Where(e => e.DeclaredById == userId || e.ConfirmedById == userId).OrderBy(e => e.Date)
            .Select(e => new
            {
                id = e.Id, date = e.Date, description = e.Description, mode = e.Mode, état = e.Status,
                déclaréParVous = e.DeclaredById == userId, confirméParVous = e.ConfirmedById == userId,
            })
            .ToListAsync(ct);
        var recommendations = await db.Recommendations.AsNoTracking().Where(r => r.AuthorId == userId || r.AnsweredById == userId)
            .OrderBy(r => r.CreatedAt)
            .Select(r => new { échange = r.ExchangeId, note = r.Rating, commentaire = r.Comment, réponse = r.Answer, écriteLe = r.CreatedAt, rédigéeParVous = r.AuthorId == userId })
            .ToListAsync(ct);
        var contacts = await db.MemberContacts.AsNoTracking().Where(c => c.ById == userId).OrderBy(c => c.ContactedOn)
            .Select(c => new { structure = c.OrganizationId, le = c.ContactedOn, note = c.Note })
            .ToListAsync(ct);
        return new { échanges = exchanges, recommandations = recommendations, contactsDeSuivi = contacts };
    }

    public async Task ForgetAsync(Guid userId, CancellationToken ct) =>
        await db.MemberContacts.Where(c => c.ById == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ByName, Messaging.ConversationView.DeletedAccount), ct);
}
