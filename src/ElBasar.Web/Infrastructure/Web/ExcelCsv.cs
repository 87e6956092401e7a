using System.Text;

namespace ElBasar.Web.Infrastructure.Web;

/// <summary>
/// CSV as French Excel opens it with a double click: semicolons, CRLF, UTF-8 with a BOM, cells
/// quoted when needed (RFC 4180), and a leading = + - @ defused so a spreadsheet never runs what
/// somebody typed as a formula.
/// </summary>
public sealed class ExcelCsv
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
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
