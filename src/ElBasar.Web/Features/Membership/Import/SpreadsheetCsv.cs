using System.Text;

namespace ElBasar.Web.Features.Membership.Import;

/// <summary>A row of a spreadsheet: its line number as the spreadsheet shows it (the header is line 1 when it is the first), and its cells.</summary>
public sealed record SheetRow(int Line, IReadOnlyList<string> Cells)
{
    public string Cell(int column) => column < Cells.Count ? Cells[column].Trim() : "";
}

/// <summary>A CSV file read: its encoding and separator as found, its header and its non-blank rows.</summary>
public sealed record Sheet(string EncodingName, char Separator, IReadOnlyList<string> Headers, IReadOnlyList<SheetRow> Rows);

/// <summary>
/// Reads a CSV as spreadsheets write it: valid UTF-8 (with or without a BOM), else Windows-1252,
/// which is what French Excel saves as "CSV (séparateur : point-virgule)"; cells separated by the
/// semicolon, comma or tab the header line uses most; quoted cells (RFC 4180) may hold separators,
/// quotes and line breaks. Blank rows (nothing but separators and spaces) are left out.
/// </summary>
public static class SpreadsheetCsv
{
    static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static SpreadsheetCsv() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Sheet Read(byte[] content)
    {
        var (text, encoding) = Decode(content);
        var separator = SeparatorOf(text);
        var records = Records(text, separator).Where(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c))).ToList();
        if (records.Count == 0) return new Sheet(encoding, separator, [], []);
        return new Sheet(encoding, separator, records[0].Cells.Select(h => h.Trim()).ToList(), records.Skip(1).ToList());
    }

    /// <summary>The text and the name of the encoding it was read with.</summary>
    public static (string Text, string EncodingName) Decode(byte[] content)
    {
        var preamble = Encoding.UTF8.Preamble;
        var hasBom = content.AsSpan().StartsWith(preamble);
        try
        {
            var text = StrictUtf8.GetString(content, hasBom ? preamble.Length : 0, content.Length - (hasBom ? preamble.Length : 0));
            return (text, "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            return (Encoding.GetEncoding(1252).GetString(content), "Windows-1252");
        }
    }

    /// <summary>The separator the first non-blank line uses most, outside quotes: semicolon, comma or tab (semicolon when none).</summary>
    static char SeparatorOf(string text)
    {
        var counts = new Dictionary<char, int> { [';'] = 0, [','] = 0, ['\t'] = 0 };
        var quoted = false;
        var started = false;
        foreach (var c in text)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c is '\n' or '\r')
            {
                if (started) break;
            }
            else
            {
                if (!char.IsWhiteSpace(c)) started = true;
                if (!quoted && counts.ContainsKey(c)) counts[c]++;
            }
        }
        return counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key == ';' ? 0 : 1).First().Key;
    }

    static IEnumerable<SheetRow> Records(string text, char separator)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else
                {
                    if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))) line++;
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0) quoted = true;
            else if (c == separator) { cells.Add(cell.ToString()); cell.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                cells.Add(cell.ToString());
                cell.Clear();
                yield return new SheetRow(start, cells);
                cells = [];
                line++;
                start = line;
            }
            else cell.Append(c);
        }
        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            yield return new SheetRow(start, cells);
        }
    }
}
