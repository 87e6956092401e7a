using System.Text.Encodings.Web;
using System.Text.Json;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Administration.Audit;

/// <summary>
/// Writes the audit log. The person is the one signed in on the current request ("Système" when
/// none, e.g. a payment provider's notification). Call <see cref="AddAsync"/> before the action's
/// own SaveChanges so the line and the change commit together, or <see cref="RecordAsync"/> when
/// the action is already saved (inside its transaction when it has one).
/// </summary>
public sealed class AuditLog(ElBasarDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public const string SystemName = "Système";

    // Details stay readable in the database: French letters as they are, not \u00e9.
    static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Adds the line to the unit of work; the caller's SaveChanges writes it.</summary>
    public async Task AddAsync(string action, string subjectKind, string? subjectId, string summary, object? details, CancellationToken ct)
    {
        var actorId = http.HttpContext?.User is { } user ? OrganizationAccess.UserIdOf(user) : null;
        var actorName = actorId is { } id
            ? await db.Set<User>().Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(ct)
            : null;
        db.Set<AuditEntry>().Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorId = actorName is null ? null : actorId,
            ActorName = actorName ?? SystemName,
            Action = action,
            SubjectKind = subjectKind,
            SubjectId = subjectId,
            Summary = summary.Length > AuditEntry.MaxSummaryLength ? summary[..(AuditEntry.MaxSummaryLength - 1)] + "…" : summary,
            Details = details is null ? null : JsonSerializer.Serialize(details, Json),
        });
    }

    /// <summary>Adds the line and saves it at once.</summary>
    public async Task RecordAsync(string action, string subjectKind, string? subjectId, string summary, object? details, CancellationToken ct)
    {
        await AddAsync(action, subjectKind, subjectId, summary, details, ct);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>The action keys of the journal and how the filter names them.</summary>
public static class AuditActions
{
    public const string SettingsUpdated = "settings.updated";
    public const string LogoChanged = "settings.logo";
    public const string TaxonomyAdded = "taxonomy.added";
    public const string TaxonomyRenamed = "taxonomy.renamed";
    public const string TaxonomyDeleted = "taxonomy.deleted";
    public const string ThesaurusAdded = "thesaurus.added";
    public const string ThesaurusUpdated = "thesaurus.updated";
    public const string ThesaurusRemoved = "thesaurus.removed";
    public const string RoleGranted = "role.granted";
    public const string RoleRevoked = "role.revoked";
    public const string AccountLocked = "account.locked";
    public const string AccountUnlocked = "account.unlocked";
    public const string CharterPublished = "charter.published";
    public const string TiersUpdated = "membership.tiers";
    public const string MembershipRecorded = "membership.recorded";
    public const string MembershipWaived = "membership.waived";
    public const string PaymentSettled = "payment.settled";
    public const string PaymentWaived = "payment.waived";
    public const string ModerationHidden = "moderation.hidden";
    public const string ModerationRestored = "moderation.restored";
    public const string ModerationDismissed = "moderation.dismissed";
    public const string MembersImported = "members.imported";
    public const string OrganizationsMerged = "organizations.merged";
    public const string OrganizationEdited = "organization.edited";

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [SettingsUpdated] = "Réglages modifiés",
        [LogoChanged] = "Logo du site changé",
        [TaxonomyAdded] = "Catégorie ou mode ajouté",
        [TaxonomyRenamed] = "Catégorie ou mode renommé",
        [TaxonomyDeleted] = "Catégorie ou mode supprimé",
        [ThesaurusAdded] = "Synonymes ajoutés",
        [ThesaurusUpdated] = "Synonymes modifiés",
        [ThesaurusRemoved] = "Synonymes retirés",
        [RoleGranted] = "Rôle donné",
        [RoleRevoked] = "Rôle retiré",
        [AccountLocked] = "Compte verrouillé",
        [AccountUnlocked] = "Compte déverrouillé",
        [CharterPublished] = "Charte publiée",
        [TiersUpdated] = "Barème des cotisations modifié",
        [MembershipRecorded] = "Cotisation enregistrée",
        [MembershipWaived] = "Cotisation exonérée",
        [PaymentSettled] = "Paiement d'annonce enregistré",
        [PaymentWaived] = "Paiement d'annonce exonéré",
        [ModerationHidden] = "Contenu masqué",
        [ModerationRestored] = "Contenu rétabli",
        [ModerationDismissed] = "Signalements classés",
        [MembersImported] = "Adhérents importés d'un tableur",
        [OrganizationsMerged] = "Structures en double fusionnées",
        [OrganizationEdited] = "Fiche d'une structure modifiée par l'équipe",
    };

    public static string Label(string action) => Labels.GetValueOrDefault(action) ?? action;
}

/// <summary>What an action is about, and how the filter names it.</summary>
public static class AuditSubjects
{
    public const string Settings = "settings";
    public const string Category = "category";
    public const string Mode = "mode";
    public const string SynonymGroup = "synonym-group";
    public const string Account = "account";
    public const string Charter = "charter";
    public const string MembershipTiers = "membership-tiers";
    public const string Organization = "organization";
    public const string Payment = "payment";
    public const string Listing = "listing";
    public const string Recommendation = "recommendation";
    public const string MemberImport = "member-import";

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [Settings] = "Réglages",
        [Category] = "Catégorie",
        [Mode] = "Mode d'échange",
        [SynonymGroup] = "Synonymes",
        [Account] = "Compte",
        [Charter] = "Charte",
        [MembershipTiers] = "Barème",
        [Organization] = "Structure",
        [Payment] = "Paiement",
        [Listing] = "Annonce",
        [Recommendation] = "Recommandation",
        [MemberImport] = "Import d'adhérents",
    };

    public static string Label(string kind) => Labels.GetValueOrDefault(kind) ?? kind;
}
