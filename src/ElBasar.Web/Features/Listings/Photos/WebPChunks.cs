using System.Buffers.Binary;

namespace ElBasar.Web.Features.Listings.Photos;

/// <summary>Walks a WebP's RIFF chunks and keeps only those needed to draw it.</summary>
/// <remarks>
/// Kept: VP8X (with its EXIF and XMP flags cleared), ICCP, ALPH and the one image (VP8 or VP8L), unchanged.
/// Dropped: EXIF, XMP and every unknown chunk; the RIFF size is written again to match. Animations
/// (ANIM, ANMF or the VP8X animation flag) are refused, like animated PNG.
/// </remarks>
static class WebPChunks
{
    const byte ExifFlag = 0x08, XmpFlag = 0x04, AnimationFlag = 0x02;

    static ReadOnlySpan<byte> Vp8StartCode => [0x9D, 0x01, 0x2A];

    public static PhotoCheck Clean(ReadOnlySpan<byte> data)
    {
        var damaged = PhotoCheck.Refused(PhotoSanitizer.DamagedMessage);
        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (riffSize < 4 || riffSize > data.Length - 8) return damaged;
        var chunks = data.Slice(12, (int)riffSize - 4);   // bytes past the RIFF size are dropped

        var output = new MemoryStream(data.Length);
        output.Write("RIFF\0\0\0\0WEBP"u8);
        int canvasWidth = 0, canvasHeight = 0, width = 0, height = 0, images = 0;
        var extended = false;

        for (var pos = 0; pos < chunks.Length;)
        {
            if (chunks.Length - pos < 8) return damaged;
            var first = pos == 0;
            var fourCc = chunks.Slice(pos, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunks[(pos + 4)..]);
            if (size > chunks.Length - pos - 8) return damaged;
            var payload = chunks.Slice(pos + 8, (int)size);
            // Chunks are padded to an even size; some writers leave out the last pad byte.
            pos = Math.Min(pos + 8 + (int)size + (int)(size & 1), chunks.Length);

            switch (System.Text.Encoding.ASCII.GetString(fourCc))
            {
                case "VP8X":
                    if (!first || payload.Length < 10) return damaged;
                    if ((payload[0] & AnimationFlag) != 0) return PhotoCheck.Refused(PhotoSanitizer.AnimatedMessage);
                    extended = true;
                    canvasWidth = 1 + ReadUInt24(payload[4..]);
                    canvasHeight = 1 + ReadUInt24(payload[7..]);
                    var header = payload.ToArray();
                    header[0] &= unchecked((byte)~(ExifFlag | XmpFlag));
                    WriteChunk(output, fourCc, header);
                    break;
                case "ANIM" or "ANMF":
                    return PhotoCheck.Refused(PhotoSanitizer.AnimatedMessage);
                case "VP8 ":
                    // A key frame: frame tag (bit 0 clear), start code 9D 01 2A, then 14-bit width and height.
                    if (payload.Length < 10 || (payload[0] & 1) != 0 || !payload[3..].StartsWith(Vp8StartCode)) return damaged;
                    images++;
                    width = BinaryPrimitives.ReadUInt16LittleEndian(payload[6..]) & 0x3FFF;
                    height = BinaryPrimitives.ReadUInt16LittleEndian(payload[8..]) & 0x3FFF;
                    WriteChunk(output, fourCc, payload);
                    break;
                case "VP8L":
                    // Signature 0x2F, then width - 1 and height - 1 on 14 bits each.
                    if (payload.Length < 5 || payload[0] != 0x2F) return damaged;
                    images++;
                    var bits = BinaryPrimitives.ReadUInt32LittleEndian(payload[1..]);
                    width = 1 + (int)(bits & 0x3FFF);
                    height = 1 + (int)((bits >> 14) & 0x3FFF);
                    WriteChunk(output, fourCc, payload);
                    break;
                case "ALPH" or "ICCP":
                    WriteChunk(output, fourCc, payload);
                    break;
            }
        }

        if (images != 1) return damaged;
        // A still extended WebP is drawn on its canvas, which decoders require to be the image's size.
        if (extended && (canvasWidth != width || canvasHeight != height)) return damaged;

        var bytes = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        return PhotoCheck.Accepted(new CleanPhoto(bytes, PhotoSanitizer.WebP, width, height));
    }

    static void WriteChunk(MemoryStream output, ReadOnlySpan<byte> fourCc, ReadOnlySpan<byte> payload)
    {
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)payload.Length);
        output.Write(fourCc);
        output.Write(size);
        output.Write(payload);
        if (payload.Length % 2 == 1) output.WriteByte(0);
    }

    static int ReadUInt24(ReadOnlySpan<byte> bytes) => bytes[0] | bytes[1] << 8 | bytes[2] << 16;
}
