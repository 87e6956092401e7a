using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Listings.Photos;

/// <summary>
/// The photos of a listing: added cleaned (<see cref="PhotoSanitizer"/>), described, moved, removed.
/// Whoever calls it has checked that the person may edit the listing (<see cref="OrganizationAccess.CanEditAsync"/>).
/// </summary>
/// <remarks>
/// Each change takes the listing's row first (it sets <c>updated_at</c>): the row lock on PostgreSQL,
/// the write lock on SQLite. Two uploads to one listing then count its photos one after the other,
/// so a listing never passes <see cref="MaxPerListing"/>, and positions stay 0, 1, 2... without gaps.
/// </remarks>
public sealed class ListingPhotos(ElBasarDbContext db, TimeProvider clock)
{
    /// <summary>A few photos say enough, and keep listing pages light.</summary>
    public const int MaxPerListing = 5;

    /// <summary>An alternative text is a sentence, not a description: screen readers read it whole.</summary>
    public const int MaxDescriptionLength = 200;

    public const string TooManyMessage = "Cette annonce a déjà 5 photos, le maximum : retirez-en une pour en ajouter une autre.";
    public const string DescriptionTooLongMessage = "La description d'une photo tient en 200 caractères au plus.";
    public const string GoneMessage = "Cette annonce n'existe plus.";

    /// <summary>The listing's photos in order, without their bytes.</summary>
    public async Task<IReadOnlyList<PhotoInfo>> ListAsync(Guid listingId, CancellationToken ct = default) =>
        await db.ListingPhotos.AsNoTracking()
            .Where(p => p.ListingId == listingId)
            .OrderBy(p => p.Position)
            .Select(p => new PhotoInfo(p.Id, p.Position, p.ContentType, p.Width, p.Height, p.Size, p.Description))
            .ToListAsync(ct);

    /// <summary>Cleans an upload and stores it after the listing's other photos, or says in French why it cannot.</summary>
    public async Task<PhotoAdded> AddAsync(Guid listingId, Stream upload, string? description = null, CancellationToken ct = default)
    {
        if (CheckDescription(description) is { } problem) return PhotoAdded.Refused(problem);
        var check = await PhotoSanitizer.SanitizeAsync(upload, ct);
        if (!check.IsAccepted) return PhotoAdded.Refused(check.Refusal);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await TakeListingAsync(listingId, ct)) return PhotoAdded.Refused(GoneMessage);
        var positions = await db.ListingPhotos.Where(p => p.ListingId == listingId).Select(p => p.Position).ToListAsync(ct);
        if (positions.Count >= MaxPerListing) return PhotoAdded.Refused(TooManyMessage);

        var clean = check.Photo;
        var photo = new ListingPhoto
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            ListingId = listingId,
            Position = positions.Count == 0 ? 0 : positions.Max() + 1,
            ContentType = clean.ContentType,
            Bytes = clean.Bytes,
            Size = clean.Bytes.Length,
            Width = clean.Width,
            Height = clean.Height,
            Description = Normalize(description),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ListingPhotos.Add(photo);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.Entry(photo).State = EntityState.Detached;   // its bytes need not live as long as the request
        return PhotoAdded.Accepted(new PhotoInfo(photo.Id, photo.Position, photo.ContentType, photo.Width, photo.Height, photo.Size, photo.Description));
    }

    /// <summary>Sets (or clears, when blank) a photo's alternative text; false when the listing has no such photo.</summary>
    public async Task<bool> DescribeAsync(Guid listingId, Guid photoId, string? description, CancellationToken ct = default)
    {
        if (CheckDescription(description) is { } problem) throw new ArgumentException(problem, nameof(description));
        var text = Normalize(description);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await TakeListingAsync(listingId, ct)) return false;
        var changed = await db.ListingPhotos.Where(p => p.Id == photoId && p.ListingId == listingId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Description, text), ct);
        await transaction.CommitAsync(ct);
        return changed == 1;
    }

    /// <summary>Removes a photo and closes the gap it leaves; false when the listing has no such photo.</summary>
    public async Task<bool> RemoveAsync(Guid listingId, Guid photoId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await TakeListingAsync(listingId, ct)) return false;
        var position = await PositionAsync(listingId, photoId, ct);
        if (position is null) return false;
        await db.ListingPhotos.Where(p => p.Id == photoId).ExecuteDeleteAsync(ct);
        await db.ListingPhotos.Where(p => p.ListingId == listingId && p.Position > position)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Position, p => p.Position - 1), ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Swaps a photo with the one before it (<paramref name="towardsFirst"/>) or after it. False when the
    /// listing has no such photo; true, and nothing changes, for the first moved up or the last moved down.
    /// </summary>
    public async Task<bool> MoveAsync(Guid listingId, Guid photoId, bool towardsFirst, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await TakeListingAsync(listingId, ct)) return false;
        if (await PositionAsync(listingId, photoId, ct) is not { } position) return false;
        var others = db.ListingPhotos.Where(p => p.ListingId == listingId && p.Id != photoId);
        var neighbour = await (towardsFirst
                ? others.Where(p => p.Position < position).OrderByDescending(p => p.Position)
                : others.Where(p => p.Position > position).OrderBy(p => p.Position))
            .Select(p => new { p.Id, p.Position })
            .FirstOrDefaultAsync(ct);
        if (neighbour is not null)
        {
            await db.ListingPhotos.Where(p => p.Id == photoId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Position, neighbour.Position), ct);
            await db.ListingPhotos.Where(p => p.Id == neighbour.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Position, position), ct);
        }
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// What <c>GET /photos/{id}</c> needs to decide who may see a photo, without its bytes. Public when its
    /// listing's page is (published or closed, for everyone, by an organisation that is not hidden).
    /// </summary>
    public Task<PhotoAccess?> FindAsync(Guid photoId, CancellationToken ct = default) =>
        (from p in db.ListingPhotos.AsNoTracking()
         join l in db.Listings on p.ListingId equals l.Id
         where p.Id == photoId
         select new PhotoAccess(p.Id, l.Id, l.OrganizationId, p.ContentType, p.Size,
             (l.Status == ListingStatus.Published || l.Status == ListingStatus.Closed)
             && l.Visibility == ListingVisibility.Everyone
             && l.Organization!.Status == OrganizationStatus.Active))
        .FirstOrDefaultAsync(ct);

    /// <summary>The stored bytes of a photo, as cleaned at upload.</summary>
    public Task<byte[]?> BytesAsync(Guid photoId, CancellationToken ct = default) =>
        db.ListingPhotos.AsNoTracking().Where(p => p.Id == photoId).Select(p => p.Bytes).FirstOrDefaultAsync(ct);

    /// <summary>The French refusal of an alternative text, or null when it will do.</summary>
    public static string? CheckDescription(string? description) =>
        Normalize(description) is { Length: > MaxDescriptionLength } ? DescriptionTooLongMessage : null;

    static string? Normalize(string? description) =>
        string.IsNullOrWhiteSpace(description) ? null : string.Join(' ', description.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    async Task<bool> TakeListingAsync(Guid listingId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Listings.Where(l => l.Id == listingId).ExecuteUpdateAsync(s => s.SetProperty(l => l.UpdatedAt, now), ct) == 1;
    }

    Task<int?> PositionAsync(Guid listingId, Guid photoId, CancellationToken ct) =>
        db.ListingPhotos.Where(p => p.Id == photoId && p.ListingId == listingId).Select(p => (int?)p.Position).FirstOrDefaultAsync(ct);
}

/// <summary>A stored photo, as pages show it (its bytes are served by <c>GET /photos/{id}</c>).</summary>
public sealed record PhotoInfo(Guid Id, int Position, string ContentType, int Width, int Height, int Size, string? Description);

/// <summary>Who may see a photo: everyone when <see cref="Public"/>, else its listing's people and the staff.</summary>
public sealed record PhotoAccess(Guid Id, Guid ListingId, Guid OrganizationId, string ContentType, int Size, bool Public);

/// <summary>The photo stored, or why it was not, in French.</summary>
public sealed record PhotoAdded(PhotoInfo? Photo, string? Refusal)
{
    public static PhotoAdded Accepted(PhotoInfo photo) => new(photo, null);
    public static PhotoAdded Refused(string refusal) => new(null, refusal);
}
