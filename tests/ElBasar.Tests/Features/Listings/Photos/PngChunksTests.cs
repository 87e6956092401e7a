using System.Text;
using ElBasar.Web.Features.Listings.Photos;
using static ElBasar.Tests.Features.Listings.Photos.TestPhotos;

namespace ElBasar.Tests.Features.Listings.Photos;

/// <summary>PNG uploads: chunks dropped and kept, CRCs, animations.</summary>
public sealed class PngChunksTests
{
    [Fact]
    public void A_plain_PNG_is_kept_byte_for_byte_with_its_type_and_size()
    {
        var png = Png(3, 2);

        var check = PhotoSanitizer.Sanitize(png);

        Assert.True(check.IsAccepted, check.Refusal);
        Assert.Equal(png, check.Photo.Bytes);
        Assert.Equal(("image/png", 3, 2), (check.Photo.ContentType, check.Photo.Width, check.Photo.Height));
    }

    [Theory]
    [InlineData("tEXt")]
    [InlineData("zTXt")]
    [InlineData("iTXt")]
    [InlineData("eXIf")]
    [InlineData("tIME")]
    [InlineData("prVt")]   // an editor's private chunk
    [InlineData("fcTL")]   // a frame control left without acTL: not an animation, just noise
    [InlineData("all")]
    public void Metadata_chunks_are_removed_and_the_others_kept_byte_for_byte(string type)
    {
        var metadata = new Dictionary<string, byte[]>
        {
            ["tEXt"] = Chunk("tEXt", "Author\0Jeanne Dupont"),
            ["zTXt"] = Chunk("zTXt", "Comment\0\0x\x9c\x03\0\0\0\0\x01"),
            ["iTXt"] = Chunk("iTXt", "XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>GPS</x:xmpmeta>"),
            ["eXIf"] = Chunk("eXIf", Exif(orientation: 1)[10..]),
            ["tIME"] = Chunk("tIME", [0x07, 0xE8, 6, 11, 18, 30, 0]),
            ["prVt"] = Chunk("prVt", "secret"),
            ["fcTL"] = Chunk("fcTL", new byte[26]),
        };
        var chunks = type == "all" ? metadata.Values.ToArray() : [metadata[type]];
        var photo = PngOf([Ihdr(1, 1), .. chunks, Idat(1, 1), chunks[0], Iend]);

        var check = PhotoSanitizer.Sanitize(photo);

        Assert.True(check.IsAccepted, check.Refusal);
        Assert.Equal(Png(), check.Photo.Bytes);
        Assert.Equal(new[] { ("IHDR", true), ("IDAT", true), ("IEND", true) }, PngChunkList(check.Photo.Bytes));
    }

    [Theory]
    [InlineData("PLTE")]
    [InlineData("tRNS")]
    [InlineData("gAMA")]
    [InlineData("cHRM")]
    [InlineData("sRGB")]
    [InlineData("iCCP")]
    [InlineData("sBIT")]
    [InlineData("pHYs")]
    [InlineData("bKGD")]
    public void Chunks_that_change_how_pixels_look_are_kept(string type)
    {
        var photo = PngWith(Chunk(type, [1, 2, 3, 4]), Chunk("tEXt", "Software\0Paint"));

        var check = PhotoSanitizer.Sanitize(photo);

        Assert.Equal(PngWith(Chunk(type, [1, 2, 3, 4])), check.Photo?.Bytes);
    }

    [Fact]
    public void Data_hidden_after_IEND_is_dropped()
    {
        var check = PhotoSanitizer.Sanitize(Concat(Png(), Latin1("PK\x03\x04 a zip file")));

        Assert.Equal(Png(), check.Photo?.Bytes);
    }

    [Theory]
    [InlineData("a bad CRC in IDAT")]
    [InlineData("a bad CRC in a metadata chunk")]
    [InlineData("cut in IDAT")]
    [InlineData("no IEND")]
    [InlineData("no IDAT")]
    [InlineData("IHDR not first")]
    [InlineData("two IHDR")]
    [InlineData("IHDR of the wrong length")]
    [InlineData("an unknown critical chunk")]
    [InlineData("a chunk type that is not letters")]
    [InlineData("a length beyond the file")]
    public void A_broken_PNG_is_refused(string damage)
    {
        var bytes = damage switch
        {
            "a bad CRC in IDAT" => Flip(Png(), Png().Length - 12 - 1),
            "a bad CRC in a metadata chunk" => Flip(PngWith(Chunk("tEXt", "Title\0Vélo")), 8 + 25 + 8),
            "cut in IDAT" => Png()[..^14],
            "no IEND" => PngOf(Ihdr(1, 1), Idat(1, 1)),
            "no IDAT" => PngOf(Ihdr(1, 1), Iend),
            "IHDR not first" => PngOf(Chunk("gAMA", [0, 0, 0xB1, 0x8F]), Ihdr(1, 1), Idat(1, 1), Iend),
            "two IHDR" => PngWith(Ihdr(1, 1)),
            "IHDR of the wrong length" => PngOf(Chunk("IHDR", new byte[12]), Idat(1, 1), Iend),
            "an unknown critical chunk" => PngWith(Chunk("ABCD", [1])),
            "a chunk type that is not letters" => PngWith(Chunk("a1b2", [1])),
            _ => Concat(Png()[..33], [0x7F, 0xFF, 0xFF, 0xFF], Png()[37..]),
        };

        var check = PhotoSanitizer.Sanitize(bytes);

        Assert.Equal(PhotoSanitizer.DamagedMessage, check.Refusal);
    }

    [Theory]
    [InlineData("acTL before IDAT")]
    [InlineData("acTL after IDAT")]
    public void An_animated_PNG_is_refused(string where)
    {
        var acTL = Chunk("acTL", [0, 0, 0, 2, 0, 0, 0, 0]);
        var apng = where == "acTL before IDAT"
            ? PngWith(acTL, Chunk("fcTL", new byte[26]))
            : PngOf(Ihdr(1, 1), Idat(1, 1), acTL, Chunk("fdAT", [0, 0, 0, 1]), Iend);

        var check = PhotoSanitizer.Sanitize(apng);

        Assert.Equal(PhotoSanitizer.AnimatedMessage, check.Refusal);
    }

    [Theory]
    [InlineData("123456789", 0xCBF43926)]                 // the standard check value of CRC-32
    [InlineData("IEND", 0xAE426082)]                      // the last four bytes of every PNG
    [InlineData("", 0x00000000)]
    public void Crc32_matches_the_PNG_specification(string text, uint expected)
    {
        Assert.Equal(expected, Crc32.Compute(Encoding.ASCII.GetBytes(text)));
    }
}
