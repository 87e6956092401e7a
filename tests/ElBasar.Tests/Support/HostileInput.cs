namespace ElBasar.Tests.Support;

/// <summary>A named piece of hostile input.</summary>
public sealed record Hostile(string Name, string Value)
{
    public override string ToString() => Name;
}

/// <summary>
/// What an attacker, a copy-paste from a word processor or a broken client sends: markup and script,
/// SQL and full-text query syntax, Unicode tricks, huge strings, numbers and dates out of range,
/// bytes that are not UTF-8. Every text field of the API and the forms must take them without a 500
/// and without echoing them unencoded.
/// </summary>
public static class HostileInput
{
    /// <summary>Markers that must never appear in a response as they were sent.</summary>
    public static readonly string[] RawMarkup = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"];

    public static readonly IReadOnlyList<Hostile> Texts =
    [
        new("script", "<script>alert(1)</script>"),
        new("attribute", "\"><img src=x onerror=alert(1)>"),
        new("sql-or", "' OR 1=1 --"),
        new("sql-drop", "'); DROP TABLE listings; --"),
        new("fts-unterminated-quote", "\"unterminated"),
        new("fts-near", "NEAR(a b)"),
        new("fts-operators", "a AND OR NOT"),
        new("fts-star", "*"),
        new("fts-caret", "^"),
        new("fts-column", "col:term"),
        new("tsquery-operators", "a & | !b"),
        new("tsquery-prefix", ":*"),
        new("tsquery-mixed", "vélo:* & !(réparation | <-> atelier)"),
        new("rtl-override", "Atelier \u202Eecilop\u202C vélo"),
        new("zero-width", "vé\u200Blo\u200D atelier\uFEFF"),
        new("only-zero-width", "\u200B\u200D\uFEFF"),
        new("combining-accent", "cafe\u0301 re\u0301paration"),
        new("precomposed-accent", "café réparation"),
        new("control-characters", "a\u0000b\u0007c\u001Bd"),
        new("newlines", "ligne 1\r\nligne 2\nligne 3\r"),
        new("emoji", "vélo 🚲👩🏽‍🔧"),
        new("long-100k", new string('a', 100_000)),
        new("long-words-100k", string.Concat(Enumerable.Repeat("réparation vélo ", 6_250))),
        new("blank", "   "),
    ];

    /// <summary>Raw JSON tokens put where a number is expected (some are not valid JSON on purpose).</summary>
    public static readonly IReadOnlyList<Hostile> JsonNumbers =
    [
        new("overflow-double", "1e309"),
        new("negative", "-1"),
        new("overflow-decimal", "99999999999999999999"),
        new("nan-string", "\"NaN\""),
        new("nan-bare", "NaN"),
        new("text", "\"beaucoup\""),
    ];

    /// <summary>Text put where a number is expected in a query string or a form.</summary>
    public static readonly IReadOnlyList<Hostile> Numbers =
    [
        new("overflow-double", "1e309"),
        new("negative", "-1"),
        new("overflow-decimal", "99999999999999999999"),
        new("nan", "NaN"),
        new("infinity", "Infinity"),
        new("text", "beaucoup"),
    ];

    public static readonly IReadOnlyList<Hostile> Dates =
    [
        new("year-0", "0000-01-01"),
        new("year-9999", "9999-12-31"),
        new("february-30", "2026-02-30"),
        new("year-1", "0001-01-01"),
        new("not-a-date", "hier"),
    ];

    /// <summary>Byte sequences that are not UTF-8: a lone continuation, an overlong form, encoded lone surrogates, 0xFF.</summary>
    public static readonly IReadOnlyList<(string Name, byte[] Bytes)> InvalidUtf8 =
    [
        ("lone-continuation", [0x61, 0x80, 0x62]),
        ("overlong-slash", [0xC0, 0xAF]),
        ("lone-high-surrogate", [0xED, 0xA0, 0x80]),
        ("lone-low-surrogate", [0xED, 0xB0, 0x80]),
        ("ff-fe", [0xFF, 0xFE, 0x41]),
        ("truncated-sequence", [0x76, 0xC3]),
    ];

    /// <summary>A string holding a lone surrogate, for code that takes .NET strings rather than bytes.</summary>
    public const string LoneSurrogate = "a\uD800b\uDC00c";

    /// <summary>The bytes as a percent-encoded query value.</summary>
    public static string PercentEncoded(byte[] bytes) => string.Concat(bytes.Select(b => $"%{b:X2}"));

    /// <summary>True when the body echoes a marker of <see cref="RawMarkup"/> as it was sent.</summary>
    public static bool EchoesRawMarkup(string body) => RawMarkup.Any(m => body.Contains(m, StringComparison.Ordinal))
        || body.Contains("onerror=alert(1)>", StringComparison.Ordinal) && body.Contains("<img src=x", StringComparison.Ordinal);
}
