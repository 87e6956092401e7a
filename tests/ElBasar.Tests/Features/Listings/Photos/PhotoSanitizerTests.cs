using ElBasar.Web.Features.Listings.Photos;
using static ElBasar.Tests.Features.Listings.Photos.TestPhotos;

namespace ElBasar.Tests.Features.Listings.Photos;

/// <summary>What holds for any upload: messages, size limits, types sniffed from bytes, robustness.</summary>
public sealed class PhotoSanitizerTests
{
    [Theory]
    [InlineData("empty", "Ce fichier est vide : choisissez une photo.")]
    [InlineData("5 MB + 1", "La photo dépasse 5 Mo : réduisez-la avant de l'envoyer.")]
    [InlineData("PDF named photo.jpg", "Ce fichier n'est pas une image JPEG, PNG ou WebP.")]
    [InlineData("truncated JPEG", "Cette image semble abîmée : essayez de l'enregistrer à nouveau.")]
    [InlineData("animated PNG", "Les images animées ne sont pas acceptées.")]
    [InlineData("13000 px wide", "Cette image est trop grande (plus de 12 000 pixels de côté) : réduisez-la avant de l'envoyer.")]
    public void A_refused_file_gets_a_clear_French_message(string file, string message)
    {
        var bytes = file switch
        {
            "empty" => [],
            "5 MB + 1" => Concat(Jpeg, new byte[PhotoSanitizer.MaxBytes + 1 - Jpeg.Length]),
            "PDF named photo.jpg" => Latin1("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
            "truncated JPEG" => Jpeg[..^10],
            "animated PNG" => PngWith(Chunk("acTL", [0, 0, 0, 2, 0, 0, 0, 0])),
            "13000 px wide" => Png(13_000, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(file)),
        };

        var check = PhotoSanitizer.Sanitize(bytes);

        Assert.False(check.IsAccepted);
        Assert.Equal(message, check.Refusal);
        Assert.Null(check.Photo);
    }

    [Theory]
    [InlineData("%PDF-1.4\n")]                         // a PDF, whatever it is named
    [InlineData("GIF89a\x01\0\x01\0")]
    [InlineData("BM\x3a\0\0\0\0\0")]
    [InlineData("\0\0\0\u0018ftypheic\0\0\0\0")]          // HEIC from an iPhone: not drawn by most browsers
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>")]
    [InlineData("RIFF\x24\0\0\0WAVEfmt ")]
    [InlineData("\x89PNG\r\n\x1a")]                     // a PNG signature cut short
    [InlineData("\xFF\xD8")]                            // SOI alone
    [InlineData("MZ\x90\0")]
    [InlineData("<?php system($_GET['c']); ?>")]
    public void A_file_that_is_not_JPEG_PNG_or_WebP_by_its_bytes_is_refused(string start)
    {
        var check = PhotoSanitizer.Sanitize(Latin1(start));

        Assert.Equal(PhotoSanitizer.NotAnImageMessage, check.Refusal);
    }

    [Fact]
    public void A_JPEG_of_exactly_5_MB_is_accepted_and_its_padding_comments_dropped()
    {
        var padded = JpegWith(CommentsFilling(PhotoSanitizer.MaxBytes - Jpeg.Length));
        Assert.Equal(PhotoSanitizer.MaxBytes, padded.Length);

        var check = PhotoSanitizer.Sanitize(padded);

        Assert.True(check.IsAccepted, check.Refusal);
        Assert.Equal(Jpeg, check.Photo.Bytes);
    }

    [Fact]
    public async Task An_upload_stream_is_read_no_further_than_5_MB_plus_one_byte()
    {
        var endless = new EndlessStream();

        var check = await PhotoSanitizer.SanitizeAsync(endless);

        Assert.Equal(PhotoSanitizer.TooLargeMessage, check.Refusal);
        Assert.Equal(PhotoSanitizer.MaxBytes + 1, endless.Given);
    }

    [Fact]
    public async Task An_upload_stream_is_cleaned_like_bytes()
    {
        using var upload = new MemoryStream(JpegWith(Exif(orientation: 1), Comment("chez moi")));

        var check = await PhotoSanitizer.SanitizeAsync(upload);

        Assert.True(check.IsAccepted, check.Refusal);
        Assert.Equal(Jpeg, check.Photo.Bytes);
    }

    [Theory]
    [InlineData("jpeg", 0, 2, "damaged")]
    [InlineData("jpeg", 3, 0, "damaged")]
    [InlineData("jpeg", 12_000, 12_000, "accepted")]
    [InlineData("jpeg", 12_001, 2, "too large")]
    [InlineData("jpeg", 3, 65_535, "too large")]
    [InlineData("png", 0, 1, "damaged")]
    [InlineData("png", 12_000, 1, "accepted")]
    [InlineData("png", 1, 12_001, "too large")]
    [InlineData("png", int.MaxValue, 1, "too large")]
    [InlineData("webp", 12_000, 1, "accepted")]
    [InlineData("webp", 16_384, 1, "too large")]
    public void Dimensions_of_zero_or_over_12000_pixels_are_refused(string format, int width, int height, string outcome)
    {
        var bytes = format switch
        {
            "jpeg" => JpegSized(width, height),
            "png" => PngOf(Ihdr(width, height), Idat(1, 1), Iend),
            _ => WebPOf(Vp8LSized(width, height)),
        };

        var check = PhotoSanitizer.Sanitize(bytes);

        var expected = outcome switch
        {
            "accepted" => null,
            "damaged" => PhotoSanitizer.DamagedMessage,
            _ => PhotoSanitizer.TooManyPixelsMessage,
        };
        Assert.Equal(expected, check.Refusal);
        if (check.IsAccepted) Assert.Equal((width, height), (check.Photo.Width, check.Photo.Height));
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    [InlineData("webp lossless")]
    [InlineData("webp lossy")]
    public void Every_shorter_prefix_of_a_photo_is_refused(string format)
    {
        var photo = Sample(format);

        for (var length = 1; length < photo.Length; length++)
            Assert.False(PhotoSanitizer.Sanitize(photo.AsSpan(0, length)).IsAccepted, $"{length} of {photo.Length} bytes");
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    [InlineData("webp lossless")]
    [InlineData("webp extended")]
    public void Garbled_bytes_never_throw_and_what_is_accepted_is_already_clean(string format)
    {
        var photo = Sample(format);
        var random = new Random(20_240_611);

        for (var attempt = 0; attempt < 2_000; attempt++)
        {
            var garbled = (byte[])photo.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
                garbled[random.Next(garbled.Length)] = (byte)random.Next(256);

            var check = PhotoSanitizer.Sanitize(garbled);

            if (check.IsAccepted) Assert.Equal(check.Photo.Bytes, PhotoSanitizer.Sanitize(check.Photo.Bytes).Photo?.Bytes);
            else Assert.False(string.IsNullOrEmpty(check.Refusal));
        }
    }

    // ---- Helpers ----

    /// <summary>Comment segments adding up to exactly <paramref name="total"/> bytes.</summary>
    static byte[] CommentsFilling(int total)
    {
        var segments = new List<byte[]>();
        while (total > 0)
        {
            var size = Math.Min(total, 65_537);
            if (total - size is > 0 and < 4) size -= 4;   // leave room for one more segment
            segments.Add(Segment(0xFE, new byte[size - 4]));
            total -= size;
        }
        return Concat([.. segments]);
    }

    /// <summary>An upload that never ends, counting what it gave.</summary>
    sealed class EndlessStream : Stream
    {
        public long Given { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)0xFF, offset, count);
            Given += count;
            return count;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Given; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
