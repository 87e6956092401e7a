using System.Globalization;

namespace ElBasar.Web.Features.Federation;

/// <summary>
/// A place in the change log: the writing transaction (0 on SQLite) and the change's sequence
/// number. Written "tx.seq"; readers treat it as opaque and hand back what they were given.
/// </summary>
public readonly record struct FeedCursor(long Tx, long Seq)
{
    public static readonly FeedCursor Start = new(0, 0);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Tx}.{Seq}");

    public static bool TryParse(string? text, out FeedCursor cursor)
    {
        cursor = Start;
        if (string.IsNullOrEmpty(text)) return true;
        var parts = text.Split('.');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var tx)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
            return false;
        cursor = new FeedCursor(tx, seq);
        return true;
    }
}
