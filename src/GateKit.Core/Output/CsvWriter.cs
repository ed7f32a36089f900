using System.Text;

namespace GateKit.Output;

/// <summary>
/// RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF, quotes doubled.
/// Excel-safe: a text field that starts with = + - @ (or tab/CR) is prefixed with ' so that a
/// spreadsheet never evaluates it as a formula (CSV injection).
/// </summary>
public static class CsvWriter
{
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<CsvField>> rows)
    {
        var o = new StringBuilder();
        AppendRow(o, header.Select(h => CsvField.Text(h)).ToList());
        foreach (var row in rows) AppendRow(o, row);
        return o.ToString();
    }

    private static void AppendRow(StringBuilder o, IReadOnlyList<CsvField> row)
    {
        for (var i = 0; i < row.Count; i++)
        {
            if (i > 0) o.Append(',');
            o.Append(Escape(row[i]));
        }
        o.Append("\r\n");
    }

    public static string Escape(CsvField field)
    {
        var value = field.Value;
        if (!field.IsNumber && value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}

/// <summary>A CSV cell; numbers are written as they are, text is guarded against formula injection.</summary>
public readonly record struct CsvField(string Value, bool IsNumber)
{
    public static CsvField Text(string value) => new(value, false);
    public static CsvField Number(double value) => new(CanonicalJson.FormatNumber(value), true);
}
