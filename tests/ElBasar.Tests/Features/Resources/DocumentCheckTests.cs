using ElBasar.Web.Features.Resources;

namespace ElBasar.Tests.Features.Resources;

/// <summary>Uploads are recognised by their bytes: real documents pass, impostors are refused in French.</summary>
public sealed class DocumentCheckTests
{
    const int Max = 10 * 1024 * 1024;

    static DocumentVerdict Check(byte[] bytes) => DocumentCheck.Check(bytes, Max, 10);

    public static TheoryData<string, string> Accepted => new()
    {
        { "pdf", "application/pdf" },
        { "png", "image/png" },
        { "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "odt", "application/vnd.oasis.opendocument.text" },
    };

    static byte[] Make(string name) => name switch
    {
        "pdf" => TestDocuments.Pdf(),
        "png" => TestDocuments.Png(),
        "docx" => TestDocuments.Docx(),
        "odt" => TestDocuments.Odt(),
        "html" => TestDocuments.Html(),
        "exe" => TestDocuments.Exe(),
        "zip" => TestDocuments.OtherZip(),
        "docm" => TestDocuments.Docx(withMacros: true),
        "macro-enabled" => TestDocuments.Docx(mainType: "application/vnd.ms-word.document.macroEnabled.main+xml"),
        "doc" => TestDocuments.LegacyWord(),
        "cut-pdf" => TestDocuments.Pdf()[..60],
        "broken-zip" => [.. "PK\x03\x04"u8, .. new byte[40]],
        _ => [],
    };

    [Theory, MemberData(nameof(Accepted))]
    public void A_real_document_is_recognised_by_its_bytes(string kind, string contentType)
    {
        var verdict = Check(Make(kind));

        Assert.Null(verdict.Refusal);
        Assert.Equal(contentType, verdict.Type!.ContentType);
    }

    [Theory]
    [InlineData("html", DocumentCheck.NotAcceptedMessage)]
    [InlineData("exe", DocumentCheck.NotAcceptedMessage)]
    [InlineData("zip", DocumentCheck.NotAcceptedMessage)]
    [InlineData("macro-enabled", DocumentCheck.NotAcceptedMessage)]
    [InlineData("docm", DocumentCheck.MacrosMessage)]
    [InlineData("doc", DocumentCheck.LegacyOfficeMessage)]
    [InlineData("cut-pdf", DocumentCheck.DamagedMessage)]
    [InlineData("broken-zip", DocumentCheck.DamagedMessage)]
    [InlineData("empty", DocumentCheck.EmptyMessage)]
    public void Anything_else_is_refused_with_its_reason(string kind, string message)
    {
        var verdict = Check(Make(kind));

        Assert.Null(verdict.Type);
        Assert.Equal(message, verdict.Refusal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_decompression_bomb_is_refused_without_being_unpacked(bool lying)
    {
        var bomb = TestDocuments.ZipBomb(lying);
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var verdict = Check(bomb);

        Assert.Null(verdict.Type);
        Assert.NotNull(verdict.Refusal);
        Assert.True(bomb.Length < Max, $"The bomb is {bomb.Length} bytes packed.");
        var unpacked = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.True(unpacked < 16 * 1024 * 1024, $"Checking the bomb allocated {unpacked / 1024 / 1024} MB.");
    }

    /// <summary>A file that is also a page or a script is typed by what it starts with, and served as that (an attachment, nosniff: see ResourceUploadTests).</summary>
    [Theory]
    [InlineData("gif-script", "image/gif")]
    [InlineData("pdf-html", "application/pdf")]
    [InlineData("png-html", "image/png")]
    public void A_polyglot_is_typed_by_its_first_bytes_never_as_a_page_or_a_script(string kind, string contentType)
    {
        var verdict = Check(TestDocuments.Polyglot(kind));

        Assert.Equal(contentType, verdict.Type?.ContentType);
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_whatever_it_is()
    {
        var pdf = TestDocuments.Pdf();

        var verdict = DocumentCheck.Check(pdf, pdf.Length - 1, 1);

        Assert.Equal("Le fichier dépasse 1 Mo : réduisez-le, ou donnez plutôt un lien vers le document.", verdict.Refusal);
    }

    [Theory]
    [InlineData("Étude réemploi 2026.pdf", "Étude réemploi 2026.pdf")]
    [InlineData("../../etc/passwd", "passwd.pdf")]
    [InlineData("C:\\Users\\nadia\\rapport final.PDF", "rapport final.pdf")]
    [InlineData("page.html", "page.pdf")]
    [InlineData("a\"b;c\r\nd.pdf", "a-b-c--d.pdf")]
    [InlineData("", "document.pdf")]
    public void The_download_name_is_safe_and_has_the_extension_of_the_real_type(string sent, string expected) =>
        Assert.Equal(expected, DocumentCheck.SafeFileName(sent, DocumentCheck.Pdf));
}
