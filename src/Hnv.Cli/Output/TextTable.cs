namespace Hnv.Cli.Output;

/// <summary>A plain aligned text table (no colour, no box drawing): readable on a terminal, stable in a pipe.</summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    public TextTable(params string[] headers) => _headers = headers;

    /// <summary>Adds a row with one cell per header.</summary>
    public void Add(params string[] cells) => _rows.Add(cells);

    /// <summary>Writes the header, a rule and every row, columns two spaces apart.</summary>
    public void Write(TextWriter output)
    {
        var widths = new int[_headers.Length];
        foreach (var row in _rows.Prepend(_headers))
        {
            for (var c = 0; c < widths.Length; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        WriteRow(output, _headers, widths);
        WriteRow(output, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var row in _rows)
        {
            WriteRow(output, row, widths);
        }
    }

    private static void WriteRow(TextWriter output, string[] cells, int[] widths)
    {
        var line = string.Join("  ", cells.Select((cell, c) => cell.PadRight(widths[c])));
        output.WriteLine(line.TrimEnd());
    }
}
