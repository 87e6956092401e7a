namespace ElBasar.Web.Features.Listings.Photos;

/// <summary>
/// Checks an uploaded listing photo and removes its metadata (EXIF, GPS, XMP, IPTC, comments, thumbnails)
/// before it is stored. The type comes from the bytes, never from the file name or the browser's claim.
/// </summary>
/// <remarks>
/// No image library is on our feed, so metadata is removed at the container level (JPEG segments,
/// PNG chunks, RIFF chunks) without decoding pixels: the image data is copied byte for byte, so quality
/// never changes. Only what a browser needs to draw the picture is kept; anything unknown is dropped.
/// </remarks>
public static class PhotoSanitizer
{
    /// <summary>5 Mo, the largest photo accepted.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>Wider or taller than this is refused: no phone takes such photos, and decoding one costs too much memory.</summary>
    public const int MaxSide = 12_000;

    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string WebP = "image/webp";

    public const string EmptyMessage = "Ce fichier est vide : choisissez une photo.";
    public const string TooLargeMessage = "La photo dépasse 5 Mo : réduisez-la avant de l'envoyer.";
    public const string NotAnImageMessage = "Ce fichier n'est pas une image JPEG, PNG ou WebP.";
    public const string DamagedMessage = "Cette image semble abîmée : essayez de l'enregistrer à nouveau.";
    public const string AnimatedMessage = "Les images animées ne sont pas acceptées.";
    public const string TooManyPixelsMessage = "Cette image est trop grande (plus de 12 000 pixels de côté) : réduisez-la avant de l'envoyer.";

    /// <summary>Checks a photo already in memory and returns it cleaned, or refused with a French message.</summary>
    public static PhotoCheck Sanitize(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return PhotoCheck.Refused(EmptyMessage);
        if (data.Length > MaxBytes) return PhotoCheck.Refused(TooLargeMessage);

        var check = data switch
        {
            [0xFF, 0xD8, 0xFF, ..] => JpegSegments.Clean(data),
            [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => PngChunks.Clean(data),
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => WebPChunks.Clean(data),
            _ => PhotoCheck.Refused(NotAnImageMessage),
        };
        return check.Photo is { } photo ? CheckSize(photo) : check;
    }

    /// <summary>
    /// Room in a request for a file well over <see cref="MaxBytes"/>, so that it gets its French refusal
    /// rather than a failed request: the limit of the pages that take one image.
    /// </summary>
    public const long MaxRequestBytes = 10L * 1024 * 1024;

    /// <summary>Checks a file sent with a form: none or an empty one is refused with <paramref name="noFileMessage"/>; a refusal names the file.</summary>
    public static async Task<PhotoCheck> SanitizeFormFileAsync(IFormFile? file, string noFileMessage, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return PhotoCheck.Refused(noFileMessage);
        await using var stream = file.OpenReadStream();
        var check = await SanitizeAsync(stream, ct);
        return check.IsAccepted ? check : PhotoCheck.Refused($"« {Path.GetFileName(file.FileName)} » : {check.Refusal}");
    }

    /// <summary>Reads an upload (at most <see cref="MaxBytes"/> + 1 bytes, so a huge file costs nothing) and checks it.</summary>
    public static async Task<PhotoCheck> SanitizeAsync(Stream upload, CancellationToken ct = default)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81_920];
        while (copy.Length <= MaxBytes)
        {
            var wanted = (int)Math.Min(buffer.Length, MaxBytes + 1 - copy.Length);
            var read = await upload.ReadAsync(buffer.AsMemory(0, wanted), ct);
            if (read == 0) break;
            copy.Write(buffer, 0, read);
        }
        return Sanitize(copy.GetBuffer().AsSpan(0, (int)copy.Length));
    }

    static PhotoCheck CheckSize(CleanPhoto photo) => photo switch
    {
        { Width: <= 0 } or { Height: <= 0 } => PhotoCheck.Refused(DamagedMessage),
        { Width: > MaxSide } or { Height: > MaxSide } => PhotoCheck.Refused(TooManyPixelsMessage),
        _ => PhotoCheck.Accepted(photo),
    };
}
