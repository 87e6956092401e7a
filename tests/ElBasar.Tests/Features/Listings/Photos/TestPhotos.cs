using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ElBasar.Web.Features.Listings.Photos;

namespace ElBasar.Tests.Features.Listings.Photos;

/// <summary>Tiny real images, and the metadata cameras, phones and editors add to them, built byte by byte.</summary>
static class TestPhotos
{
    // ---- JPEG ----

    /// <summary>A 3x2 grey baseline JPEG written by hand (SOI, JFIF, DQT, SOF0, two DHT, SOS, one MCU, EOI),
    /// 159 bytes; Java's ImageIO decodes it.</summary>
    public static byte[] Jpeg => Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB" +
        "AQEBAQEBAQH/wAALCAACAAMBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AP//Z");

    /// <summary>Where <see cref="Jpeg"/>'s SOF0 segment starts (after SOI, APP0 and DQT).</summary>
    public const int JpegFrameAt = 2 + 18 + 69;

    /// <summary><see cref="Jpeg"/> with segments inserted after its JFIF APP0, where cameras put theirs.</summary>
    public static byte[] JpegWith(params byte[][] segments) => Insert(Jpeg, 20, segments);

    public static byte[] Segment(byte marker, ReadOnlySpan<byte> payload)
    {
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment.AsSpan(4));
        return segment;
    }

    public static byte[] Comment(string text) => Segment(0xFE, Encoding.UTF8.GetBytes(text));

    /// <summary>An EXIF APP1 as a phone writes it: camera make, orientation when given, and a GPS position
    /// (50°37'53.04" N). With <paramref name="onlyOrientation"/>, the single-tag EXIF the sanitizer keeps.</summary>
    public static byte[] Exif(int? orientation, bool littleEndian = false, bool onlyOrientation = false)
    {
        var tiff = new List<byte>();
        void U16(int value)
        {
            var bytes = new byte[2];
            if (littleEndian) BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value);
            else BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value);
            tiff.AddRange(bytes);
        }
        void U32(int value)
        {
            var bytes = new byte[4];
            if (littleEndian) BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)value);
            else BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)value);
            tiff.AddRange(bytes);
        }
        void Entry(int tag, int type, int count) { U16(tag); U16(type); U32(count); }

        tiff.AddRange(littleEndian ? "II*\0"u8.ToArray() : "MM\0*"u8.ToArray());
        U32(8);
        var entries = (onlyOrientation ? 0 : 2) + (orientation is null ? 0 : 1);
        U16(entries);
        if (!onlyOrientation)
        {
            Entry(0x010F, 2, 4);                      // Make, ASCII, inline
            tiff.AddRange("Elb\0"u8.ToArray());
        }
        if (orientation is { } value)
        {
            Entry(0x0112, 3, 1);                      // Orientation, SHORT, inline and left-aligned
            U16(value);
            U16(0);
        }
        var gpsAt = 8 + 2 + 12 * entries + 4;
        if (!onlyOrientation)
        {
            Entry(0x8825, 4, 1);                      // GPS IFD pointer
            U32(gpsAt);
        }
        U32(0);                                       // no next IFD
        if (!onlyOrientation)
        {
            U16(2);
            Entry(0x0001, 2, 2);                      // GPSLatitudeRef "N"
            tiff.AddRange("N\0\0\0"u8.ToArray());
            Entry(0x0002, 5, 3);                      // GPSLatitude, three RATIONALs after the IFD
            U32(gpsAt + 2 + 24 + 4);
            U32(0);
            foreach (var (numerator, denominator) in new[] { (50, 1), (37, 1), (5304, 100) })
            {
                U32(numerator);
                U32(denominator);
            }
        }
        return Segment(0xE1, [.. "Exif\0\0"u8, .. tiff]);
    }

    public static byte[] Xmp => Segment(0xE1, Encoding.UTF8.GetBytes(
        "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF>" +
        "<exif:GPSLatitude>50,37.884N</exif:GPSLatitude><dc:creator>Jeanne Dupont</dc:creator></rdf:RDF></x:xmpmeta>"));

    public static byte[] IccProfile => Segment(0xE2, [.. "ICC_PROFILE\0"u8, 1, 1, .. new byte[40]]);

    public static byte[] Adobe => Segment(0xEE, [.. "Adobe"u8, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, 0x01]);

    // ---- PNG ----

    public static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A width x height RGB PNG: IHDR, one IDAT (zlib of black rows), IEND.</summary>
    public static byte[] Png(int width = 1, int height = 1) => PngOf(Ihdr(width, height), Idat(width, height), Iend);

    public static byte[] PngOf(params byte[][] chunks) => Concat([PngSignature, .. chunks]);

    /// <summary>The default <see cref="Png"/> with chunks inserted after its IHDR.</summary>
    public static byte[] PngWith(params byte[][] chunks) => PngOf([Ihdr(1, 1), .. chunks, Idat(1, 1), Iend]);

    public static byte[] Chunk(string type, ReadOnlySpan<byte> data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.Compute(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    public static byte[] Chunk(string type, string text) => Chunk(type, Encoding.Latin1.GetBytes(text));

    public static byte[] Ihdr(int width, int height)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(data, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(4), (uint)height);
        data[8] = 8;   // bit depth
        data[9] = 2;   // RGB
        return Chunk("IHDR", data);
    }

    public static byte[] Idat(int width, int height)
    {
        var rows = new byte[height * (1 + 3 * width)];   // filter byte 0, then black pixels
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal)) zlib.Write(rows);
        return Chunk("IDAT", compressed.ToArray());
    }

    public static byte[] Iend => Chunk("IEND", ReadOnlySpan<byte>.Empty);

    /// <summary>Each chunk of a PNG as (type, whether its CRC is right).</summary>
    public static List<(string Type, bool CrcOk)> PngChunkList(byte[] png)
    {
        var chunks = new List<(string, bool)>();
        for (var pos = 8; pos + 12 <= png.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length));
            chunks.Add((Encoding.ASCII.GetString(png, pos + 4, 4), crc == Crc32.Compute(png.AsSpan(pos + 4, 4 + length))));
            pos += 12 + length;
        }
        return chunks;
    }

    // ---- WebP ----

    /// <summary>A 1x1 lossless WebP (VP8L), the one feature-detection scripts use.</summary>
    public static byte[] LosslessWebP => Convert.FromBase64String("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    /// <summary>A 1x1 lossy WebP (VP8 key frame).</summary>
    public static byte[] LossyWebP => Convert.FromBase64String("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");

    /// <summary>A 1x1 animated WebP: VP8X with the animation flag, ANIM, one ANMF frame.</summary>
    public static byte[] AnimatedWebP => Convert.FromBase64String(
        "UklGRlIAAABXRUJQVlA4WAoAAAASAAAAAAAAAAAAQU5JTQYAAAD/////AABBTk1GJgAAAAAAAAAAAAAAAAAAAGQAAABWUDhMDQAAAC8AAAAQBxAREYiI/gcA");

    /// <summary>The VP8L chunk of <see cref="LosslessWebP"/> (header, 13 bytes, pad).</summary>
    public static byte[] Vp8L => LosslessWebP[12..];

    public const byte IccFlag = 0x20, AlphaFlag = 0x10, ExifFlag = 0x08, XmpFlag = 0x04, AnimationFlag = 0x02;

    public static byte[] WebPOf(params byte[][] chunks)
    {
        var body = Concat(chunks);
        var riff = new byte[12 + body.Length];
        "RIFF"u8.CopyTo(riff);
        BinaryPrimitives.WriteUInt32LittleEndian(riff.AsSpan(4), (uint)(body.Length + 4));
        "WEBP"u8.CopyTo(riff.AsSpan(8));
        body.CopyTo(riff.AsSpan(12));
        return riff;
    }

    public static byte[] RiffChunk(string fourCc, ReadOnlySpan<byte> payload)
    {
        var chunk = new byte[8 + payload.Length + payload.Length % 2];
        Encoding.ASCII.GetBytes(fourCc, chunk);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(chunk.AsSpan(8));
        return chunk;
    }

    public static byte[] Vp8X(byte flags, int width = 1, int height = 1)
    {
        var payload = new byte[10];
        payload[0] = flags;
        payload[4] = (byte)(width - 1);
        payload[5] = (byte)((width - 1) >> 8);
        payload[6] = (byte)((width - 1) >> 16);
        payload[7] = (byte)(height - 1);
        payload[8] = (byte)((height - 1) >> 8);
        payload[9] = (byte)((height - 1) >> 16);
        return RiffChunk("VP8X", payload);
    }

    /// <summary>A VP8L chunk whose header says width x height (its pixels are not meant to be decoded).</summary>
    public static byte[] Vp8LSized(int width, int height)
    {
        var payload = Vp8L[8..21];
        var bits = BinaryPrimitives.ReadUInt32LittleEndian(payload.AsSpan(1)) & ~0x0FFF_FFFFu;
        BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(1), bits | (uint)(width - 1) | (uint)(height - 1) << 14);
        return RiffChunk("VP8L", payload);
    }

    // ---- Variants ----

    /// <summary>A valid photo of each kind, for tests that run on all of them.</summary>
    public static byte[] Sample(string format) => format switch
    {
        "jpeg" => Jpeg,
        "png" => Png(3, 2),
        "webp lossless" => LosslessWebP,
        "webp lossy" => LossyWebP,
        "webp extended" => WebPOf(Vp8X(IccFlag | AlphaFlag), RiffChunk("ICCP", new byte[8]), Vp8L),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary><see cref="Jpeg"/> with its frame header saying width x height.</summary>
    public static byte[] JpegSized(int width, int height)
    {
        var jpeg = Jpeg;
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(JpegFrameAt + 5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(JpegFrameAt + 7), (ushort)width);
        return jpeg;
    }

    public static byte[] WithFrameMarker(byte marker)
    {
        var jpeg = Jpeg;
        jpeg[JpegFrameAt + 1] = marker;
        return jpeg;
    }

    public static byte[] WithRiffSize(byte[] webp, int size)
    {
        var copy = (byte[])webp.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(4), size);
        return copy;
    }

    /// <summary>A copy with one bit changed.</summary>
    public static byte[] Flip(byte[] bytes, int at)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= 0x01;
        return copy;
    }

    // ---- Bytes ----

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] Insert(byte[] into, int at, params byte[][] parts) => Concat([into[..at], .. parts, into[at..]]);

    public static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    public static bool Contains(byte[] bytes, string text) => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;
}
