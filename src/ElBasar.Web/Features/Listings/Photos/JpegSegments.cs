using System.Buffers.Binary;

namespace ElBasar.Web.Features.Listings.Photos;

/// <summary>Walks a JPEG's marker segments and keeps only those needed to draw it.</summary>
/// <remarks>
/// Kept unchanged: JFIF (APP0), ICC profile (APP2, colours), Adobe (APP14, colour transform), the coding
/// segments (DQT, DHT, DRI, SOF...) and every scan with its entropy-coded data. Dropped: EXIF and XMP (APP1),
/// other APP2 (MPF, FlashPix), Ducky (APP12), Photoshop/IPTC (APP13), the other APPn, comments (COM), and
/// anything after EOI (appended previews, polyglot payloads).
/// </remarks>
static class JpegSegments
{
    const byte Soi = 0xD8, Eoi = 0xD9, Sos = 0xDA, Com = 0xFE;
    const byte App0 = 0xE0, App1 = 0xE1, App2 = 0xE2, App14 = 0xEE, App15 = 0xEF;

    public static PhotoCheck Clean(ReadOnlySpan<byte> data)
    {
        var damaged = PhotoCheck.Refused(PhotoSanitizer.DamagedMessage);
        var output = new MemoryStream(data.Length);
        output.Write([0xFF, Soi]);
        var pos = 2;
        int width = 0, height = 0, orientation = 1;
        bool sawFrame = false, sawScan = false, sawExif = false;

        while (true)
        {
            if (pos >= data.Length || data[pos] != 0xFF) return damaged;
            while (pos < data.Length && data[pos] == 0xFF) pos++;   // fill bytes may pad before any marker
            if (pos >= data.Length) return damaged;
            var marker = data[pos++];
            if (marker == Eoi) break;
            // Stuffed zero, restart or TEM outside a scan, a second SOI, reserved markers: not a JPEG we can trust.
            if (marker < 0xC0 || marker is Soi or (>= 0xD0 and <= 0xD7)) return damaged;

            if (pos + 2 > data.Length) return damaged;
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2 || pos + length > data.Length) return damaged;
            var segment = data.Slice(pos - 2, length + 2);   // the byte before the marker is always 0xFF
            var payload = data.Slice(pos + 2, length - 2);
            pos += length;

            switch (marker)
            {
                case 0xC0 or 0xC1 or 0xC2:   // baseline, extended, progressive: what browsers draw
                    if (sawFrame || payload.Length < 6) return damaged;
                    sawFrame = true;
                    height = BinaryPrimitives.ReadUInt16BigEndian(payload[1..]);
                    width = BinaryPrimitives.ReadUInt16BigEndian(payload[3..]);
                    output.Write(segment);
                    break;
                case 0xC3 or (>= 0xC5 and <= 0xC7) or (>= 0xC9 and <= 0xCB) or (>= 0xCD and <= 0xCF):
                    // Lossless, hierarchical or arithmetic coding: browsers cannot draw these; saving again fixes it.
                    return damaged;
                case Sos:
                    if (!sawFrame) return damaged;
                    var end = ScanEnd(data, pos);
                    if (end < 0) return damaged;
                    output.Write(segment);
                    output.Write(data[pos..end]);
                    pos = end;
                    sawScan = true;
                    break;
                case App0:
                    WriteJfif(output, segment, payload);
                    break;
                case App1:
                    if (!sawExif && payload.StartsWith("Exif\0\0"u8))
                    {
                        sawExif = true;
                        orientation = ExifOrientation(payload[6..]);
                        if (orientation != 1) output.Write(OrientationOnlyExif(orientation));
                    }
                    break;
                case App2:
                    if (payload.StartsWith("ICC_PROFILE\0"u8)) output.Write(segment);
                    break;
                case App14:
                    if (payload.StartsWith("Adobe"u8)) output.Write(segment);
                    break;
                case (>= App0 and <= App15) or Com:   // other APPn and comments: metadata only
                    break;
                default:   // DQT, DHT, DRI, DAC, DNL...: how the pixels are coded
                    output.Write(segment);
                    break;
            }
        }

        if (!sawFrame || !sawScan) return damaged;
        output.Write([0xFF, Eoi]);
        // Orientations 5 to 8 turn the picture a quarter: it is displayed with width and height swapped.
        var (shownWidth, shownHeight) = orientation >= 5 ? (height, width) : (width, height);
        return PhotoCheck.Accepted(new CleanPhoto(output.ToArray(), PhotoSanitizer.Jpeg, shownWidth, shownHeight));
    }

    /// <summary>Where the entropy-coded data that starts at <paramref name="start"/> ends: the next marker
    /// other than a stuffed zero or a restart; -1 when the file ends first.</summary>
    static int ScanEnd(ReadOnlySpan<byte> data, int start)
    {
        for (var i = start; i + 1 < data.Length; i++)
        {
            if (data[i] != 0xFF) continue;
            var next = data[i + 1];
            if (next == 0x00 || next is >= 0xD0 and <= 0xD7) i++;
            else if (next != 0xFF) return i;
        }
        return -1;
    }

    /// <summary>Keeps JFIF as is, unless it carries a thumbnail: a thumbnail may show the photo before it
    /// was cropped, so it is rewritten without one. Other APP0 (JFXX thumbnails, AVI1) are dropped.</summary>
    static void WriteJfif(MemoryStream output, ReadOnlySpan<byte> segment, ReadOnlySpan<byte> payload)
    {
        if (!payload.StartsWith("JFIF\0"u8) || payload.Length < 14) return;
        if (payload[12] == 0 || payload[13] == 0)
        {
            output.Write(segment);
            return;
        }
        output.Write([0xFF, App0, 0x00, 0x10]);
        output.Write(payload[..12]);
        output.Write([0x00, 0x00]);
    }

    /// <summary>The orientation tag (0x0112) of IFD0 in an EXIF TIFF block; 1 (upright) when absent or unreadable,
    /// since a broken EXIF is dropped anyway and must not cost the member their photo.</summary>
    static int ExifOrientation(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8) return 1;
        bool little;
        if (tiff.StartsWith("II*\0"u8)) little = true;
        else if (tiff.StartsWith("MM\0*"u8)) little = false;
        else return 1;

        var ifd = ReadUInt32(tiff, 4, little);
        if (ifd < 8 || ifd > tiff.Length - 2) return 1;
        var count = ReadUInt16(tiff, (int)ifd, little);
        for (var i = 0; i < count; i++)
        {
            var entry = (int)ifd + 2 + 12 * i;
            if (entry + 12 > tiff.Length) return 1;
            if (ReadUInt16(tiff, entry, little) != 0x0112) continue;
            if (ReadUInt16(tiff, entry + 2, little) != 3) return 1;   // must be a SHORT
            var value = ReadUInt16(tiff, entry + 8, little);
            return value is >= 1 and <= 8 ? value : 1;
        }
        return 1;
    }

    /// <summary>
    /// An APP1 whose EXIF holds one tag, the orientation. Phones store pixels as the sensor saw them and record
    /// "turn a quarter" in this tag; browsers and apps honour it. Dropping all of EXIF would show every portrait
    /// photo on its side, and the tag says nothing about the member, unlike the GPS, camera and date it came with.
    /// </summary>
    static byte[] OrientationOnlyExif(int orientation) =>
    [
        0xFF, App1, 0x00, 0x22,                       // segment length 34
        .."Exif\0\0"u8,
        .."MM\0*"u8, 0x00, 0x00, 0x00, 0x08,          // big-endian TIFF, IFD0 right after the header
        0x00, 0x01,                                   // one entry
        0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, (byte)orientation, 0x00, 0x00,   // Orientation, SHORT, 1 value
        0x00, 0x00, 0x00, 0x00,                       // no next IFD
    ];

    static ushort ReadUInt16(ReadOnlySpan<byte> bytes, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]) : BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);

    static uint ReadUInt32(ReadOnlySpan<byte> bytes, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]) : BinaryPrimitives.ReadUInt32BigEndian(bytes[at..]);
}
