using ElBasar.Web.Features.Listings.Photos;
using static ElBasar.Tests.Features.Listings.Photos.TestPhotos;

namespace ElBasar.Tests.Features.Listings.Photos;

/// <summary>JPEG uploads: segments dropped, kept, and the orientation kept alone.</summary>
public sealed class JpegSegmentsTests
{
    [Fact]
    public void A_plain_JPEG_is_kept_byte_for_byte_with_its_type_and_size()
    {
        var check = PhotoSanitizer.Sanitize(Jpeg);

        Assert.True(check.IsAccepted, check.Refusal);
        Assert.Equal(new CleanPhoto(check.Photo.Bytes, "image/jpeg", 3, 2), check.Photo);
        Assert.Equal(Jpeg, check.Photo.Bytes);
    }

    [Theory]
    [InlineData("EXIF with GPS, upright")]
    [InlineData("EXIF with GPS, little-endian, upright")]
    [InlineData("EXIF with GPS, no orientation")]
    [InlineData("EXIF cut short")]
    [InlineData("XMP")]
    [InlineData("MPF in APP2")]
    [InlineData("Ducky in APP12")]
    [InlineData("Photoshop IPTC in APP13")]
    [InlineData("APP15")]
    [InlineData("JFXX thumbnail in APP0")]
    [InlineData("comment")]
    [InlineData("all of them")]
    public void Metadata_segments_are_removed_and_the_rest_is_byte_identical(string metadata)
    {
        byte[][] segments = metadata switch
        {
            "EXIF with GPS, upright" => [Exif(orientation: 1)],
            "EXIF with GPS, little-endian, upright" => [Exif(orientation: 1, littleEndian: true)],
            "EXIF with GPS, no orientation" => [Exif(orientation: null)],
            "EXIF cut short" => [Segment(0xE1, [.. "Exif\0\0MM\0*\0\0\0\x08\0\x05"u8])],
            "XMP" => [Xmp],
            "MPF in APP2" => [Segment(0xE2, [.. "MPF\0MM\0*\0\0\0\x08"u8])],
            "Ducky in APP12" => [Segment(0xEC, [.. "Ducky\0\x01\0\x04\0\0\0\x50"u8])],
            "Photoshop IPTC in APP13" => [Segment(0xED, [.. "Photoshop 3.0\08BIM\x04\x04\0\0\0\0\0\x0c\x1c\x02\x50\0\x07Jeanne D"u8])],
            "APP15" => [Segment(0xEF, "whatever"u8)],
            "JFXX thumbnail in APP0" => [Segment(0xE0, [.. "JFXX\0\x13"u8, .. new byte[30]])],
            "comment" => [Comment("Photo prise chez moi, 12 rue des Lilas")],
            _ => [Exif(orientation: 1), Xmp, Segment(0xED, "Photoshop 3.0\0"u8), Comment("chez moi"), Segment(0xEC, "Ducky\0"u8)],
        };

        var check = PhotoSanitizer.Sanitize(JpegWith(segments));

        Assert.True(check.IsAccepted, check.Refusal);
        Assert.Equal(Jpeg, check.Photo.Bytes);
    }

    [Fact]
    public void Data_hidden_after_the_end_of_image_is_dropped()
    {
        var check = PhotoSanitizer.Sanitize(Concat(Jpeg, Latin1("%PDF-1.4 <script>alert(1)</script>")));

        Assert.Equal(Jpeg, check.Photo?.Bytes);
    }

    [Theory]
    [InlineData("ICC profile in APP2")]
    [InlineData("Adobe in APP14")]
    [InlineData("both")]
    public void Segments_that_change_colours_are_kept_unchanged(string kept)
    {
        var photo = kept switch
        {
            "ICC profile in APP2" => JpegWith(IccProfile),
            "Adobe in APP14" => JpegWith(Adobe),
            _ => JpegWith(IccProfile, Adobe),
        };

        var check = PhotoSanitizer.Sanitize(Concat(photo[..20], Exif(orientation: 1), photo[20..]));

        Assert.Equal(photo, check.Photo?.Bytes);
    }

    [Theory]
    [InlineData(6, false, 2, 3)]   // a portrait shot from a phone held upright
    [InlineData(6, true, 2, 3)]
    [InlineData(8, false, 2, 3)]
    [InlineData(5, true, 2, 3)]
    [InlineData(3, false, 3, 2)]   // upside down
    [InlineData(2, true, 3, 2)]    // mirrored
    public void A_turned_photo_keeps_an_EXIF_with_only_its_orientation(int orientation, bool littleEndian, int width, int height)
    {
        var phonePhoto = JpegWith(Exif(orientation, littleEndian));

        var check = PhotoSanitizer.Sanitize(phonePhoto);

        Assert.True(check.IsAccepted, check.Refusal);
        Assert.Equal(JpegWith(Exif(orientation, onlyOrientation: true)), check.Photo.Bytes);
        Assert.False(Contains(check.Photo.Bytes, "Elb"));   // the camera make and the GPS IFD are gone
        Assert.Equal((width, height), (check.Photo.Width, check.Photo.Height));
    }

    [Fact]
    public void Only_the_first_EXIF_counts_and_every_other_is_dropped()
    {
        var check = PhotoSanitizer.Sanitize(JpegWith(Exif(6), Exif(3), Exif(8, littleEndian: true)));

        Assert.Equal(JpegWith(Exif(6, onlyOrientation: true)), check.Photo?.Bytes);
    }

    [Fact]
    public void A_JFIF_thumbnail_is_removed_and_JFIF_kept()
    {
        byte[] jfifWithThumbnail = [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 2, 1, .. new byte[2 * 1 * 3]];
        var photo = Concat(Jpeg[..2], Segment(0xE0, jfifWithThumbnail), Jpeg[20..]);

        var check = PhotoSanitizer.Sanitize(photo);

        Assert.Equal(Jpeg, check.Photo?.Bytes);
    }

    [Fact]
    public void Progressive_scans_restarts_and_stuffed_bytes_pass_through_unchanged()
    {
        var frame = Jpeg[JpegFrameAt..(JpegFrameAt + 13)];
        frame[1] = 0xC2;   // SOF2: progressive
        var tables = Jpeg[(JpegFrameAt + 13)..(JpegFrameAt + 13 + 44)];
        var scan = Segment(0xDA, [1, 1, 0x00, 0, 0, 0]);
        byte[] firstScanData = [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xD7, 0xFF, 0x00];
        byte[] secondScanData = [0x78, 0xFF, 0x00, 0x9A];
        var progressive = Concat(Jpeg[..JpegFrameAt], frame, tables, scan, firstScanData,
            Segment(0xDD, [0, 1]), tables, scan, secondScanData, [0xFF, 0xD9]);

        var withComment = Insert(progressive, progressive.Length - 2 - secondScanData.Length - scan.Length, Comment("entre deux passes"));
        var check = PhotoSanitizer.Sanitize(withComment);

        Assert.True(check.IsAccepted, check.Refusal);
        Assert.Equal(progressive, check.Photo.Bytes);
    }

    [Theory]
    [InlineData("cut in the scan")]
    [InlineData("no end of image")]
    [InlineData("no frame header")]
    [InlineData("no scan")]
    [InlineData("scan before the frame header")]
    [InlineData("a segment longer than the file")]
    [InlineData("a segment length below 2")]
    [InlineData("two frame headers")]
    [InlineData("arithmetic coding (SOF9)")]
    [InlineData("lossless (SOF3)")]
    [InlineData("garbage between segments")]
    public void A_broken_JPEG_is_refused(string damage)
    {
        var sos = Jpeg.Length - 13;   // SOS segment (10), one scan byte, EOI (2)
        var frame = Jpeg[JpegFrameAt..(JpegFrameAt + 13)];
        var bytes = damage switch
        {
            "cut in the scan" => Jpeg[..^2],
            "no end of image" => Concat(Jpeg[..^2], [0x00]),
            "no frame header" => Concat(Jpeg[..JpegFrameAt], Jpeg[(JpegFrameAt + 13)..]),
            "no scan" => Concat(Jpeg[..sos], [0xFF, 0xD9]),
            "scan before the frame header" => Concat(Jpeg[..JpegFrameAt], Jpeg[sos..^2], frame, [0xFF, 0xD9]),
            "a segment longer than the file" => Concat(Jpeg[..20], [0xFF, 0xFE, 0x7F, 0xFF], Jpeg[20..]),
            "a segment length below 2" => Concat(Jpeg[..20], [0xFF, 0xFE, 0x00, 0x01], Jpeg[20..]),
            "two frame headers" => Insert(Jpeg, JpegFrameAt, frame),
            "arithmetic coding (SOF9)" => WithFrameMarker(0xC9),
            "lossless (SOF3)" => WithFrameMarker(0xC3),
            _ => Insert(Jpeg, 20, [0x00, 0x12]),
        };

        var check = PhotoSanitizer.Sanitize(bytes);

        Assert.Equal(PhotoSanitizer.DamagedMessage, check.Refusal);
    }
}
