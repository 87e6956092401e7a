using System.Buffers.Binary;
using System.Text;
using ElBasar.Web.Features.Listings.Photos;
using static ElBasar.Tests.Features.Listings.Photos.TestPhotos;

namespace ElBasar.Tests.Features.Listings.Photos;

/// <summary>WebP uploads: RIFF chunks dropped, VP8X flags and RIFF size, animations.</summary>
public sealed class WebPChunksTests
{
    [Theory]
    [InlineData("webp lossless")]
    [InlineData("webp lossy")]
    public void A_still_WebP_is_kept_byte_for_byte_with_its_type_and_size(string format)
    {
        var webp = Sample(format);

        var check = PhotoSanitizer.Sanitize(webp);

        Assert.True(check.IsAccepted, check.Refusal);
        Assert.Equal(webp, check.Photo.Bytes);
        Assert.Equal(("image/webp", 1, 1), (check.Photo.ContentType, check.Photo.Width, check.Photo.Height));
    }

    [Fact]
    public void EXIF_and_XMP_chunks_are_removed_their_flags_cleared_and_the_RIFF_size_fixed()
    {
        var icc = RiffChunk("ICCP", new byte[40]);
        var exif = RiffChunk("EXIF", Exif(orientation: 1)[10..]);
        var xmp = RiffChunk("XMP ", Encoding.UTF8.GetBytes("<x:xmpmeta>GPS 50.63N</x:xmpmeta>"));   // odd size: a pad byte follows
        var photo = WebPOf(Vp8X(IccFlag | AlphaFlag | ExifFlag | XmpFlag), icc, Vp8L, exif, xmp, RiffChunk("ZZZZ", "?"u8));

        var check = PhotoSanitizer.Sanitize(photo);

        Assert.True(check.IsAccepted, check.Refusal);
        Assert.Equal(WebPOf(Vp8X(IccFlag | AlphaFlag), icc, Vp8L), check.Photo.Bytes);
        Assert.Equal(check.Photo.Bytes.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(check.Photo.Bytes.AsSpan(4)));
        Assert.Equal((1, 1), (check.Photo.Width, check.Photo.Height));
    }

    [Fact]
    public void Metadata_appended_to_a_simple_WebP_or_after_the_RIFF_is_dropped()
    {
        var photo = Concat(WebPOf(Vp8L, RiffChunk("EXIF", Exif(orientation: 1)[10..])), Latin1("trailing"));

        var check = PhotoSanitizer.Sanitize(photo);

        Assert.Equal(LosslessWebP, check.Photo?.Bytes);
    }

    [Theory]
    [InlineData("ANIM and ANMF")]
    [InlineData("the animation flag alone")]
    public void An_animated_WebP_is_refused(string animation)
    {
        var webp = animation == "ANIM and ANMF" ? AnimatedWebP : WebPOf(Vp8X(AnimationFlag), Vp8L);

        var check = PhotoSanitizer.Sanitize(webp);

        Assert.Equal(PhotoSanitizer.AnimatedMessage, check.Refusal);
    }

    [Theory]
    [InlineData("cut short")]
    [InlineData("a RIFF size beyond the file")]
    [InlineData("a chunk size beyond the RIFF")]
    [InlineData("no image chunk")]
    [InlineData("two images")]
    [InlineData("VP8X not first")]
    [InlineData("canvas and image of different sizes")]
    [InlineData("a bad VP8L signature")]
    [InlineData("a VP8 frame that is not a key frame")]
    public void A_broken_WebP_is_refused(string damage)
    {
        var bytes = damage switch
        {
            "cut short" => LosslessWebP[..^3],
            "a RIFF size beyond the file" => WithRiffSize(LosslessWebP, LosslessWebP.Length),
            "a chunk size beyond the RIFF" => WebPOf(RiffChunk("EXIF", [1, 2])[..4], [0xFF, 0, 0, 0], Vp8L),
            "no image chunk" => WebPOf(Vp8X(IccFlag), RiffChunk("ICCP", new byte[4])),
            "two images" => WebPOf(Vp8L, Vp8L),
            "VP8X not first" => WebPOf(RiffChunk("ICCP", new byte[4]), Vp8X(IccFlag), Vp8L),
            "canvas and image of different sizes" => WebPOf(Vp8X(AlphaFlag, 2, 1), Vp8L),
            "a bad VP8L signature" => Flip(LosslessWebP, 20),
            _ => Flip(LossyWebP, 20),
        };

        var check = PhotoSanitizer.Sanitize(bytes);

        Assert.Equal(PhotoSanitizer.DamagedMessage, check.Refusal);
    }
}
