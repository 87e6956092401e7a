using System.Text;
using System.Text.RegularExpressions;

namespace ElBasar.Web.Infrastructure.Web;

/// <summary>
/// CSV as French Excel opens it with a double click: semicolons, CRLF, UTF-8 with a BOM, cells
/// quoted when needed (RFC 4180), and a leading = + - @ defused so a spreadsheet never runs what
/// somebody typed as a formula (a negative number, such as a longitude west of Greenwich, is left as it is).
/// </summary>
public sealed partial class ExcelCsv
{
    readonly StringBuilder _text = new();

    public ExcelCsv Line(IEnumerable<string?> cells)
    {
        _text.AppendJoin(';', cells.Select(c => Cell(c ?? ""))).Append("\r\n");
        return this;
    }

    public IResult File(string name) =>
        Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(_text.ToString())).ToArray(), "text/csv; charset=utf-8", name);

    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !NegativeNumber().IsMatch(value)) value = "'" + value;
        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    [GeneratedRegex(@"^-[0-9]+([,.][0-9]+)?$")]
    private static partial Regex NegativeNumber();
}
