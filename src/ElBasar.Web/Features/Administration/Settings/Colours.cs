using System.Globalization;
using System.Text.RegularExpressions;

namespace ElBasar.Web.Features.Administration.Settings;

/// <summary>
/// The colours admins may choose: <c>#rrggbb</c>, dark enough for white text on them and for
/// links on white (WCAG 2.1 AA, contrast ratio 4.5:1 for normal text).
/// </summary>
public static partial class Colours
{
    public const double MinimumContrast = 4.5;

    /// <summary>The colour in lower case, or null when it is not <c>#rrggbb</c>.</summary>
    public static string? Parse(string? typed) =>
        typed?.Trim() is { } t && HexColour().IsMatch(t) ? t.ToLowerInvariant() : null;

    /// <summary>The WCAG contrast ratio of the colour with white, from 1 (white) to 21 (black).</summary>
    public static double ContrastWithWhite(string colour) => 1.05 / (RelativeLuminance(colour) + 0.05);

    /// <summary>The colour darkened by a share of its light, for hovered links.</summary>
    public static string Darker(string colour, double share = 0.3)
    {
        var (r, g, b) = Channels(colour);
        int Dim(int c) => (int)Math.Round(c * (1 - share));
        return $"#{Dim(r):x2}{Dim(g):x2}{Dim(b):x2}";
    }

    static double RelativeLuminance(string colour)
    {
        var (r, g, b) = Channels(colour);
        static double Linear(int c)
        {
            var s = c / 255.0;
            return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Linear(r) + 0.7152 * Linear(g) + 0.0722 * Linear(b);
    }

    static (int R, int G, int B) Channels(string colour) => (
        int.Parse(colour.AsSpan(1, 2), NumberStyles.HexNumber),
        int.Parse(colour.AsSpan(3, 2), NumberStyles.HexNumber),
        int.Parse(colour.AsSpan(5, 2), NumberStyles.HexNumber));

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColour();
}
