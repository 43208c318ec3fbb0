using System.Globalization;
using Spectre.Console;

namespace Hnv.Cli.Decode;

/// <summary>
/// Writes one table row per packet with Spectre.Console. Colours and box drawing only on a terminal: written
/// to a file or a pipe, the table is plain ASCII with no escape sequences.
/// </summary>
internal sealed class TableDecodeWriter : IDecodeWriter
{
    /// <summary>Wide enough for two IPv6 addresses per column without wrapping when there is no terminal to ask.</summary>
    private const int PlainWidth = 240;

    private static readonly Style ErrorStyle = new(foreground: Color.Red);

    private readonly IAnsiConsole _console;
    private readonly Table _table;

    private readonly bool _policy;

    /// <param name="output">Where the table goes.</param>
    /// <param name="terminal">Whether that is a terminal (colours, box drawing).</param>
    /// <param name="policy">Whether to add what the controller says (domain, NICs) to each row.</param>
    public TableDecodeWriter(TextWriter output, bool terminal, bool policy = false)
    {
        _policy = policy;
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        if (!terminal)
        {
            _console.Profile.Width = PlainWidth;
        }

        _table = new Table { Border = terminal ? TableBorder.Rounded : TableBorder.Ascii };
        _table.AddColumn("#", c => c.RightAligned());
        _table.AddColumn("outer src -> dst");
        _table.AddColumn("VSID", c => c.RightAligned());
        _table.AddColumn("FlowID", c => c.RightAligned());
        _table.AddColumn("inner src -> dst");
        _table.AddColumn("protocol");
        _table.AddColumn("ports");
        _table.AddColumn("error");
        if (policy)
        {
            _table.AddColumn("domain");
            _table.AddColumn("NIC -> NIC");
            _table.AddColumn("policy says");
        }
    }

    /// <inheritdoc />
    public void Write(DecodedPacket packet)
    {
        List<Text> cells =
        [
            new Text(packet.Frame.ToString(CultureInfo.InvariantCulture)),
            new Text(Outer(packet)),
            new Text(packet.Vsid?.ToString(CultureInfo.InvariantCulture) ?? string.Empty),
            new Text(packet.FlowId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty),
            new Text(Inner(packet.Inner)),
            new Text(Protocol(packet)),
            new Text(Ports(packet.Inner)),
            new Text(packet.Error ?? string.Empty, ErrorStyle),
        ];
        if (_policy)
        {
            var p = packet.Policy;
            cells.Add(new Text(p?.RoutingDomain ?? string.Empty));
            cells.Add(new Text(p is null ? string.Empty : $"{p.SourceNic ?? p.SourceHost ?? "?"} -> {p.DestinationNic ?? p.DestinationHost ?? "?"}"));
            cells.Add(new Text(p is null ? string.Empty : p.Problems.Count > 0 ? string.Join("; ", p.Problems) : p.FlowIdMatches == false ? "FlowID is not the sender's" : "ok",
                p?.Problems.Count > 0 ? ErrorStyle : Style.Plain));
        }

        _table.AddRow(cells);
    }

    /// <inheritdoc />
    public void Complete()
    {
        if (_table.Rows.Count == 0)
        {
            _console.WriteLine("(no packets)");
            return;
        }

        _console.Write(_table);
    }

    private static string Outer(DecodedPacket packet) => packet switch
    {
        { Outer: { } outer } => $"{outer.Src} -> {outer.Dst}",
        { Ethernet: { } eth } => $"{eth.SrcMac} -> {eth.DstMac}",
        _ => string.Empty,
    };

    private static string Inner(DecodedInner? inner) => inner switch
    {
        null => string.Empty,
        { Src: { } src, Dst: { } dst } => $"{src} -> {dst}",
        _ => $"{inner.SrcMac} -> {inner.DstMac}",
    };

    private static string Protocol(DecodedPacket packet) => packet switch
    {
        { Inner: { Protocol: { } protocol } } => protocol,
        { Inner: { } inner } => EtherTypeName(inner.EtherType),
        { Outer: { } outer } => outer.Protocol,
        { Ethernet: { } eth } => EtherTypeName(eth.EtherType),
        _ => string.Empty,
    };

    private static string EtherTypeName(string hex) =>
        ushort.TryParse(hex.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? ProtocolNames.EtherType(value)
            : hex;

    private static string Ports(DecodedInner? inner) =>
        inner is { SrcPort: { } src, DstPort: { } dst } ? $"{src} -> {dst}" : string.Empty;
}
