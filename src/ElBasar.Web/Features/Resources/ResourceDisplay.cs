using System.Globalization;

namespace ElBasar.Web.Features.Resources;

/// <summary>How a resource's file and date read on screen, in French.</summary>
public static class ResourceDisplay
{
    static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>"35 ko", "1,2 Mo".</summary>
    public static string Size(int bytes) => bytes < 1024 * 1024
        ? $"{Math.Max(1, (int)Math.Round(bytes / 1024.0)).ToString(French)} ko"
        : $"{(bytes / (1024.0 * 1024.0)).ToString("0.#", French)} Mo";

    /// <summary>"PDF", "texte Word"… from the type the file's bytes gave.</summary>
    public static string TypeLabel(string? contentType) =>
        new[] { DocumentCheck.Pdf, DocumentCheck.Jpeg, DocumentCheck.Png, DocumentCheck.Gif, DocumentCheck.WebP, DocumentCheck.Docx,
                DocumentCheck.Xlsx, DocumentCheck.Pptx, DocumentCheck.Odt, DocumentCheck.Ods, DocumentCheck.Odp }
            .FirstOrDefault(t => t.ContentType == contentType)?.Label ?? "fichier";

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", French);
}
