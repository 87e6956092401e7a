using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ElBasar.Tests.Features.Resources;

/// <summary>Real little documents, made byte by byte or with System.IO.Compression, and impostors.</summary>
static class TestDocuments
{
    /// <summary>A one-page PDF with its cross-reference table, as a PDF writer would make it.</summary>
    public static byte[] Pdf()
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        };
        var sb = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(sb.ToString()));
            sb.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.ASCII.GetByteCount(sb.ToString());
        sb.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) sb.Append($"{offset:D10} 00000 n \n");
        sb.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    /// <summary>A one-pixel PNG.</summary>
    public static byte[] Png() => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    const string WordMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

    /// <summary>A minimal Word document: [Content_Types].xml naming word/document.xml as the main part, and that part.</summary>
    public static byte[] Docx(string mainType = WordMain, bool withMacros = false) => Zip(zip =>
    {
        Write(zip, "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
            "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
            "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
            $"<Override PartName=\"/word/document.xml\" ContentType=\"{mainType}\"/></Types>");
        Write(zip, "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
        Write(zip, "word/document.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Bonjour</w:t></w:r></w:p></w:body></w:document>");
        if (withMacros) Write(zip, "word/vbaProject.bin", "macro");
    });

    /// <summary>A minimal OpenDocument text: "mimetype" first and stored, then content.xml.</summary>
    public static byte[] Odt() => Zip(zip =>
    {
        var mimetype = zip.CreateEntry("mimetype", CompressionLevel.NoCompression);
        using (var s = mimetype.Open()) s.Write("application/vnd.oasis.opendocument.text"u8);
        Write(zip, "content.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>");
    });

    /// <summary>A zip of other things: a script and a page.</summary>
    public static byte[] OtherZip() => Zip(zip =>
    {
        Write(zip, "install.sh", "#!/bin/sh\nrm -rf /\n");
        Write(zip, "index.html", "<script>alert(1)</script>");
    });

    public static byte[] Html() => "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"u8.ToArray();

    /// <summary>The start of a Windows program: "MZ", then the DOS stub.</summary>
    public static byte[] Exe() => [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, .. "This program cannot be run in DOS mode."u8];

    public static byte[] LegacyWord() => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>
    /// A Word document whose [Content_Types].xml unpacks to 64 MB (a few tens of kilobytes packed), naming its
    /// main part only at the end, so that only a check that reads it all would take it: a decompression bomb.
    /// <paramref name="lying"/>: the zip's directory claims it unpacks to 200 bytes.
    /// </summary>
    public static byte[] ZipBomb(bool lying)
    {
        const int Unpacked = 64 * 1024 * 1024;
        var bytes = Zip(zip =>
        {
            var s = zip.CreateEntry("[Content_Types].xml", CompressionLevel.SmallestSize).Open();
            s.Write("<?xml version=\"1.0\"?><Types>"u8);
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var written = 0; written < Unpacked; written += spaces.Length) s.Write(spaces);
            s.Write(Encoding.UTF8.GetBytes($"<Override PartName=\"/word/document.xml\" ContentType=\"{WordMain}\"/></Types>"));
            s.Dispose();
            Write(zip, "word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>");
        });
        if (lying)
        {
            // The central directory's record of the first entry (signature PK\x01\x02): uncompressed size at offset 24.
            var record = bytes.AsSpan().IndexOf("PK\x01\x02"u8);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(record + 24), 200);
        }
        return bytes;
    }

    /// <summary>Files that are two things at once: an image or a PDF that is also a page or a script.</summary>
    public static byte[] Polyglot(string kind) => kind switch
    {
        "gif-script" => [.. "GIF89a/*"u8, 1, 0, 1, 0, .. "*/=alert(document.cookie);//"u8],
        "pdf-html" => [.. "%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n"u8],
        "png-html" => [.. Png(), .. "<html><script>alert(document.cookie)</script></html>"u8],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    static byte[] Zip(Action<ZipArchive> fill)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true)) fill(zip);
        return memory.ToArray();
    }

    static void Write(ZipArchive zip, string name, string text)
    {
        using var s = zip.CreateEntry(name).Open();
        s.Write(Encoding.UTF8.GetBytes(text));
    }
}
