using System.Security.Claims;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Lending;

/// <summary>How an item's page <c>/pret/{id}</c> opens for a reader.</summary>
public enum ItemPageAccess
{
    /// <summary>It does not: the page answers "not found", as for an id that does not exist.</summary>
    Closed,

    /// <summary>To look at its terms and calendar and ask for it.</summary>
    Reader,

    /// <summary>To the lender's people (owners, editors), who manage it even when nobody else may see it.</summary>
    Lender,
}

/// <summary>
/// Whether an item's page opens for a reader: always for the lender's people, for anyone else when the item is seen
/// from one of their networks (<see cref="LendingApi.VisibleAnywhereAsync"/>). The page and the "borrow" link of the
/// item's listing read this one rule, so a listing never leads to a page that answers 404.
/// </summary>
public sealed class ItemAccess(ElBasarDbContext db, OrganizationAccess access, Networks.NetworkAudiences audiences)
{
    public async Task<ItemPageAccess> PageAsync(ClaimsPrincipal user, Guid itemId, Guid lenderId, CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(user) is { } userId && await access.CanEditAsync(userId, lenderId, ct)) return ItemPageAccess.Lender;
        return await (await LendingApi.VisibleAnywhereAsync(db, audiences, user, ct)).AnyAsync(i => i.Id == itemId, ct)
            ? ItemPageAccess.Reader
            : ItemPageAccess.Closed;
    }
}
