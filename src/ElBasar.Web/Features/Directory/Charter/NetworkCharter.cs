using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Directory.Charter;

/// <summary>
/// The network's charter and joining the network: an owner accepts the current version on behalf of
/// the organisation, which becomes a member of the home network in the same transaction.
/// </summary>
public sealed class NetworkCharter(ElBasarDbContext db, HomeNetwork network, AuditLog audit, TimeProvider clock)
{
    /// <summary>The version in force: the latest one.</summary>
    public Task<CharterVersion?> CurrentAsync(CancellationToken ct) =>
        db.CharterVersions.AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);

    /// <summary>Saves <paramref name="text"/> as the next version; versions already accepted never change.</summary>
    public async Task<CharterVersion> PublishAsync(string text, Guid? publishedBy, CancellationToken ct)
    {
        var last = await db.CharterVersions.MaxAsync(v => (int?)v.Version, ct) ?? 0;
        var version = new CharterVersion
        {
            Version = last + 1,
            Text = text,
            PublishedAt = clock.GetUtcNow().UtcDateTime,
            PublishedById = publishedBy,
        };
        db.CharterVersions.Add(version);
        await audit.AddAsync(AuditActions.CharterPublished, AuditSubjects.Charter, version.Version.ToString(),
            $"Version {version.Version} de la charte publiée.", null, ct);
        await db.SaveChangesAsync(ct);
        return version;
    }

    /// <summary>
    /// Records that <paramref name="userId"/> accepted <paramref name="version"/> for the organisation
    /// and makes it a member of the home network. Refused when that version is no longer the current
    /// one (it changed while the person was reading), so nobody signs a text they have not seen.
    /// </summary>
    public async Task<bool> AcceptAsync(Guid organizationId, Guid userId, int version, CancellationToken ct)
    {
        if ((await CurrentAsync(ct))?.Version != version) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var homeId = await network.IdAsync(ct);
        db.CharterAcceptances.Add(new CharterAcceptance
        {
            OrganizationId = organizationId, UserId = userId, CharterVersion = version, AcceptedAt = now,
        });
        var membership = await db.NetworkMemberships.FirstOrDefaultAsync(m => m.OrganizationId == organizationId && m.NetworkId == homeId, ct);
        if (membership is null)
            db.NetworkMemberships.Add(new NetworkMembership { NetworkId = homeId, OrganizationId = organizationId, IsMember = true, Since = now });
        else if (!membership.IsMember)
            (membership.IsMember, membership.Since) = (true, now);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Makes the organisation a member of the home network, or a former one (its paid membership is over).</summary>
    public async Task SetMemberAsync(Guid organizationId, bool member, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var homeId = await network.IdAsync(ct);
        var membership = await db.NetworkMemberships.FirstOrDefaultAsync(m => m.OrganizationId == organizationId && m.NetworkId == homeId, ct);
        if (membership is null)
            db.NetworkMemberships.Add(new NetworkMembership { NetworkId = homeId, OrganizationId = organizationId, IsMember = member, Since = now });
        else if (membership.IsMember != member)
            (membership.IsMember, membership.Since) = (member, now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The organisation's latest acceptance, if any.</summary>
    public Task<CharterAcceptance?> LatestAcceptanceAsync(Guid organizationId, CancellationToken ct) =>
        db.CharterAcceptances.AsNoTracking().Where(a => a.OrganizationId == organizationId)
            .OrderByDescending(a => a.AcceptedAt).FirstOrDefaultAsync(ct);
}

/// <summary>A new database starts with the first version of the charter, which admins then rewrite at <c>/admin/charte</c>.</summary>
sealed class CharterSeed(ElBasarDbContext db, TimeProvider clock) : IStartupSeed
{
    public int Order => 25;

    public async Task RunAsync(CancellationToken ct)
    {
        if (await db.CharterVersions.AnyAsync(ct)) return;
        db.CharterVersions.Add(new CharterVersion { Version = 1, Text = FirstVersion, PublishedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
    }

    internal const string FirstVersion =
        """
        Charte du réseau

        Les structures membres du réseau font vivre une économie au service des personnes et des territoires. En adhérant, chacune s'engage à partager les valeurs suivantes et à les faire vivre dans ses échanges sur elBasar.

        1. Une lucrativité limitée. Les excédents servent d'abord le projet, les personnes qui le portent et le territoire, pas l'enrichissement de quelques-uns.

        2. Un ancrage local. La structure agit au plus près des habitantes et des habitants, avec les autres acteurs de son territoire, et privilégie les coopérations de proximité.

        3. Une gouvernance démocratique. Les décisions se prennent collectivement ; salariés, bénévoles, usagers et partenaires ont voix au chapitre.

        4. L'autonomie. La structure décide librement de son projet, indépendamment des pouvoirs publics comme des intérêts privés.

        5. L'utilité sociale. L'activité répond à des besoins du territoire : solidarité, lien social, transition écologique, accès de toutes et tous aux biens et aux services.

        6. La coopération plutôt que la concurrence. Les membres se font connaître, partagent leurs moyens (matériel, locaux, savoir-faire), se rendent service et échangent en confiance, marchand comme non marchand.

        7. La loyauté des échanges. Les offres et les demandes publiées sont sincères, les prix annoncés sont respectés, les biens prêtés sont rendus en bon état, et chacun répond aux sollicitations qu'il reçoit.

        8. Le respect des personnes. Les coordonnées des autres membres ne servent qu'aux échanges du réseau, jamais à la prospection commerciale ni à la revente ; aucune discrimination n'est tolérée.

        Le réseau peut faire évoluer cette charte après en avoir débattu avec ses membres. Une structure qui ne la respecte plus peut être invitée à quitter le réseau.
        """;
}
