using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace ElBasar.Web.Features.Resources;

/// <summary>A document type the library accepts, as its bytes say: what it is served as, and the extension it is downloaded with.</summary>
public sealed record DocumentType(string ContentType, string Extension, string Label);

/// <summary>What <see cref="DocumentCheck"/> made of an upload: its type, or why it was refused, in French.</summary>
public sealed record DocumentVerdict(DocumentType? Type, string? Refusal);

/// <summary>
/// Recognises an upload by its content, never by its name or the browser's claim: PDF, JPEG, PNG,
/// GIF, WebP, and office documents (OOXML: a zip whose [Content_Types].xml names the main part of
/// a text, a spreadsheet or a presentation, and that part is there; OpenDocument: a zip whose first
/// entry, stored, is <c>mimetype</c> with the type). Anything else is refused: HTML, scripts,
/// programs, other zips, documents with macros, the legacy binary Office formats.
/// </summary>
public static class DocumentCheck
{
    public static readonly DocumentType Pdf = new("application/pdf", ".pdf", "PDF");
    public static readonly DocumentType Jpeg = new("image/jpeg", ".jpg", "image JPEG");
    public static readonly DocumentType Png = new("image/png", ".png", "image PNG");
    public static readonly DocumentType Gif = new("image/gif", ".gif", "image GIF");
    public static readonly DocumentType WebP = new("image/webp", ".webp", "image WebP");
    public static readonly DocumentType Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "texte Word");
    public static readonly DocumentType Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "tableur Excel");
    public static readonly DocumentType Pptx = new("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx", "présentation PowerPoint");
    public static readonly DocumentType Odt = new("application/vnd.oasis.opendocument.text", ".odt", "texte OpenDocument");
    public static readonly DocumentType Ods = new("application/vnd.oasis.opendocument.spreadsheet", ".ods", "tableur OpenDocument");
    public static readonly DocumentType Odp = new("application/vnd.oasis.opendocument.presentation", ".odp", "présentation OpenDocument");

    public const string EmptyMessage = "Ce fichier est vide.";
    public const string NotAcceptedMessage = "Ce fichier n'est pas d'un type accepté : PDF, image (JPEG, PNG, GIF, WebP), texte, tableur ou présentation (Word, Excel, PowerPoint ou OpenDocument).";
    public const string DamagedMessage = "Ce document semble abîmé : enregistrez-le à nouveau avant de l'envoyer.";
    public const string MacrosMessage = "Les documents avec macros ne sont pas acceptés : enregistrez-le sans macros, ou en PDF.";
    public const string LegacyOfficeMessage = "Les anciens formats Office (.doc, .xls, .ppt) ne sont pas acceptés : enregistrez le document en PDF ou au format récent (.docx, .xlsx, .pptx, .odt…).";

    public static string TooLargeMessage(int maxMegabytes) => $"Le fichier dépasse {maxMegabytes} Mo : réduisez-le, ou donnez plutôt un lien vers le document.";

    // The main part of each OOXML document; the macro-enabled variants have other types, so they are not found.
    static readonly Dictionary<string, DocumentType> OfficeMainParts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"] = Docx,
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"] = Xlsx,
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"] = Pptx,
    };

    static readonly DocumentType[] OpenDocuments = [Odt, Ods, Odp];

    static readonly byte[] JpegSignature = [0xFF, 0xD8, 0xFF];
    static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    // Compound files: the legacy .doc, .xls and .ppt, but also .msi installers.
    static readonly byte[] Ole2Signature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    // [Content_Types].xml is a few kilobytes; more is not a real document (or a zip bomb).
    const int MaxContentTypesBytes = 1024 * 1024;
    const int MaxZipEntries = 10_000;

    public static DocumentVerdict Check(byte[] data, int maxBytes, int maxMegabytes)
    {
        if (data.Length == 0) return Refused(EmptyMessage);
        if (data.Length > maxBytes) return Refused(TooLargeMessage(maxMegabytes));
        var span = data.AsSpan();
        if (span.StartsWith("%PDF-"u8)) return IsWholePdf(span) ? Accepted(Pdf) : Refused(DamagedMessage);
        if (span.StartsWith(JpegSignature)) return Accepted(Jpeg);
        if (span.StartsWith(PngSignature)) return Accepted(Png);
        if (span.StartsWith("GIF87a"u8) || span.StartsWith("GIF89a"u8)) return Accepted(Gif);
        if (span.Length >= 12 && span.StartsWith("RIFF"u8) && span[8..12].SequenceEqual("WEBP"u8)) return Accepted(WebP);
        if (span.StartsWith(Ole2Signature)) return Refused(LegacyOfficeMessage);
        if (span.StartsWith("PK\x03\x04"u8)) return CheckZip(data);
        return Refused(NotAcceptedMessage);
    }

    // A PDF ends with %%EOF (perhaps followed by line ends or a little padding): a cut upload is refused.
    static bool IsWholePdf(ReadOnlySpan<byte> data) => data[^Math.Min(data.Length, 1024)..].IndexOf("%%EOF"u8) >= 0;

    static DocumentVerdict CheckZip(byte[] data)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(data, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxZipEntries) return Refused(NotAcceptedMessage);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)
                    || n.StartsWith("Basic/", StringComparison.Ordinal) || n.StartsWith("Scripts/", StringComparison.Ordinal)))
                return Refused(MacrosMessage);
            if (OpenDocumentType(data) is { } odf) return names.Contains("content.xml") ? Accepted(odf) : Refused(DamagedMessage);
            if (zip.GetEntry("[Content_Types].xml") is { } types) return OfficeType(types, names) is { } office ? Accepted(office) : Refused(NotAcceptedMessage);
            return Refused(NotAcceptedMessage);
        }
        catch (InvalidDataException)
        {
            return Refused(DamagedMessage);
        }
        catch (XmlException)
        {
            return Refused(DamagedMessage);
        }
    }

    // OpenDocument's own signature (ODF 1.2, part 3, 3.3): the first local entry is "mimetype", stored
    // uncompressed, its content the document's type, so it reads at a fixed place after the header.
    static DocumentType? OpenDocumentType(byte[] data)
    {
        if (data.Length < 38) return null;
        var method = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(8));
        var size = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(18));
        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(26));
        var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(28));
        if (method != 0 || nameLength != 8 || !data.AsSpan(30, 8).SequenceEqual("mimetype"u8) || size is 0 or > 100) return null;
        var start = 30 + nameLength + extraLength;
        if (start + (int)size > data.Length) return null;
        var type = Encoding.ASCII.GetString(data, start, (int)size);
        return OpenDocuments.FirstOrDefault(d => d.ContentType == type);
    }

    static DocumentType? OfficeType(ZipArchiveEntry types, HashSet<string> names)
    {
        if (types.Length > MaxContentTypesBytes) return null;
        using var stream = types.Open();
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxContentTypesBytes });
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Override") continue;
            var part = reader.GetAttribute("PartName");
            var contentType = reader.GetAttribute("ContentType");
            if (part is { Length: > 1 } && contentType is not null && OfficeMainParts.TryGetValue(contentType, out var type)
                && names.Contains(part.TrimStart('/')))
                return type;
        }
        return null;
    }

    static DocumentVerdict Accepted(DocumentType type) => new(type, null);

    static DocumentVerdict Refused(string message) => new(null, message);

    /// <summary>
    /// The name a file is downloaded under: the sent name without its folders, its extension or
    /// characters a file system or a header would choke on, then the extension of its real type.
    /// </summary>
    public static string SafeFileName(string? sent, DocumentType type)
    {
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName((sent ?? "").Replace('\\', '/')));
        var sb = new StringBuilder(stem.Length);
        foreach (var c in stem)
            sb.Append(char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '(' or ')' ? c : '-');
        var clean = sb.ToString().Trim(' ', '-', '.');
        if (clean.Length > 100) clean = clean[..100].TrimEnd(' ', '-');
        return (clean.Length == 0 ? "document" : clean) + type.Extension;
    }
}
