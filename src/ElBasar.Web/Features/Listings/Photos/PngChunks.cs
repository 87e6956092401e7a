using System.Buffers.Binary;

namespace ElBasar.Web.Features.Listings.Photos;

/// <summary>Walks a PNG's chunks, checks each CRC and keeps only those needed to draw it.</summary>
/// <remarks>
/// Kept unchanged: the critical chunks and those that change how pixels look (transparency, gamma,
/// colour space, ICC profile, significant bits, pixel ratio, background). Dropped: eXIf, text (tEXt,
/// zTXt, iTXt), tIME and every other ancillary chunk, known or not, and anything after IEND.
/// </remarks>
static class PngChunks
{
    static readonly HashSet<string> Drawn =
        ["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "cICP", "sBIT", "pHYs", "bKGD"];

    public static PhotoCheck Clean(ReadOnlySpan<byte> data)
    {
        var damaged = PhotoCheck.Refused(PhotoSanitizer.DamagedMessage);
        var output = new MemoryStream(data.Length);
        output.Write(data[..8]);   // the signature, checked by the caller
        var pos = 8;
        int width = 0, height = 0;
        bool sawHeader = false, sawData = false, sawEnd = false;

        while (!sawEnd)
        {
            if (data.Length - pos < 12) return damaged;
            var length = BinaryPrimitives.ReadUInt32BigEndian(data[pos..]);
            if (length > data.Length - pos - 12) return damaged;
            var typeAndData = data.Slice(pos + 4, 4 + (int)length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(data[(pos + 8 + (int)length)..]);
            if (Crc32.Compute(typeAndData) != crc) return damaged;
            var chunk = data.Slice(pos, 12 + (int)length);
            var type = typeAndData[..4];
            var body = typeAndData[4..];
            pos += chunk.Length;

            foreach (var letter in type)
                if (!char.IsAsciiLetter((char)letter)) return damaged;
            var name = System.Text.Encoding.ASCII.GetString(type);
            if (!sawHeader && name != "IHDR") return damaged;   // IHDR comes first
            if (sawHeader && name == "IHDR") return damaged;    // and only once

            switch (name)
            {
                case "IHDR":
                    if (body.Length != 13) return damaged;
                    sawHeader = true;
                    width = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(body), int.MaxValue);
                    height = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(body[4..]), int.MaxValue);
                    break;
                case "acTL":
                    return PhotoCheck.Refused(PhotoSanitizer.AnimatedMessage);
                case "IDAT":
                    sawData = true;
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
            }

            if (Drawn.Contains(name)) output.Write(chunk);
            else if (IsCritical(type)) return damaged;   // a decoder must understand it, and we do not
        }

        if (!sawData) return damaged;
        return PhotoCheck.Accepted(new CleanPhoto(output.ToArray(), PhotoSanitizer.Png, width, height));
    }

    // The case of a chunk type's first letter says whether a decoder may skip it (lowercase) or not.
    static bool IsCritical(ReadOnlySpan<byte> type) => (type[0] & 0x20) == 0;
}
