using System.Diagnostics.CodeAnalysis;

namespace ElBasar.Web.Features.Listings.Photos;

/// <summary>A photo ready to store and serve: metadata removed, its type known from its bytes, its size as displayed.</summary>
public sealed record CleanPhoto(byte[] Bytes, string ContentType, int Width, int Height);

/// <summary>What <see cref="PhotoSanitizer"/> made of an upload: a clean photo, or why it was refused, in French for people.</summary>
public sealed record PhotoCheck
{
    PhotoCheck(CleanPhoto? photo, string? refusal)
    {
        Photo = photo;
        Refusal = refusal;
    }

    public CleanPhoto? Photo { get; }

    public string? Refusal { get; }

    [MemberNotNullWhen(true, nameof(Photo))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool IsAccepted => Photo is not null;

    public static PhotoCheck Accepted(CleanPhoto photo) => new(photo, null);

    public static PhotoCheck Refused(string message) => new(null, message);
}
