using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hnv.Client;
using Hnv.Client.Json;
using Hnv.Client.Observe;

namespace Hnv.Cli.Observe;

/// <summary>
/// `hnv observe [--host H] [--drops] [--flows] [--nic N] [--vsid N] [--ca A]`: a live stream of what hosts drop (and, on
/// request, forward), with reason, NIC, VSID and inner 5-tuple, like `hubble observe -t drop`.
/// </summary>
internal static class ObserveCommand
{
    public static Command Build()
    {
        var options = new TapOptions();
        var hosts = new Option<string[]>("--host") { Description = "The host(s) to observe (default: every node of the lab that is up).", AllowMultipleArgumentsPerToken = false };
        var flows = new Option<bool>("--flows") { Description = "Also the packets they forward (delivered to a NIC, sent to the underlay)." };
        var noDrops = new Option<bool>("--no-drops") { Description = "Leave drops out (with --flows)." };
        var rate = new Option<int?>("--rate") { Description = "At most this many lines a second per host (default 100; what is left out is counted at the end)." };
        var output = new Option<string>("--output", "-o") { Description = "table (the default: one line per packet) or json (one object per line).", DefaultValueFactory = _ => "table" };
        output.AcceptOnlyFromAmong("table", "json");
        var verb = new VerbCommand("observe", "Stream what hosts drop, with the reason, NIC, VSID and inner 5-tuple (and with --flows what they forward).", """
            Each line is one packet as a host's pipeline saw it: when, which host, dropped (with the reason and the
            stage's word for it) or forwarded, the NIC or the underlay, the VSID and the inner 5-tuple. Runs until
            --count lines, --duration seconds or Ctrl-C; each host gives at most --rate lines a second and says at the
            end how many it left out. Run it on the host, as root (in a lab, for any or every lab node).

            Examples:
              hnv observe --host host1
              hnv observe --flows --vsid 5001 --duration 30 -o json

            Exit codes: 0 done; 2 the command line is wrong; 3 a host's daemon does not answer; 4 it refused.
            """);
        foreach (var option in new Option[] { hosts, flows, noDrops, rate, output })
        {
            verb.Options.Add(option);
        }

        options.AddTo(verb);
        verb.SetAction(async (parsed, ct) =>
        {
            var error = parsed.InvocationConfiguration.Error;
            var writer = parsed.InvocationConfiguration.Output;
            var targets = new List<(string Host, string Socket)>();
            if (parsed.GetValue(hosts) is { Length: > 0 } named)
            {
                foreach (var name in named)
                {
                    if (NodeSockets.Resolve(name, named.Length == 1 ? parsed.GetValue(options.Socket) : null, parsed.GetValue(options.Lab), out var problem) is not { } socket)
                    {
                        error.WriteLine(problem);
                        return ExitCodes.Unreachable;
                    }

                    targets.Add((name, socket));
                }
            }
            else
            {
                targets.AddRange(NodeSockets.LabNodes(parsed.GetValue(options.Lab), out var problem));
                if (problem is not null)
                {
                    error.WriteLine(problem);
                    return ExitCodes.Usage;
                }
            }

            var json = parsed.GetValue(output) == "json";
            var query = options.Query(parsed,
                ("flows", parsed.GetValue(flows) ? "true" : null),
                ("drops", parsed.GetValue(noDrops) ? "false" : null),
                ("rate", parsed.GetValue(rate)?.ToString(CultureInfo.InvariantCulture)));
            var gate = new Lock();
            if (!json)
            {
                writer.WriteLine(ObservedLine.Header);
            }

            try
            {
                await Task.WhenAll(targets.Select(t => StreamAsync(t.Socket, "/v1/observe" + query, line =>
                {
                    lock (gate)
                    {
                        writer.WriteLine(json ? JsonSerializer.Serialize(line, ClientJsonContext.Default.ObservedPacket) : ObservedLine.Format(line));
                        writer.Flush();
                    }
                }, ct))).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (HnvApiException e)
            {
                error.WriteLine($"A host refused: {e.Message}");
                return ExitCodes.Rejected;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return ExitCodes.Ok; // Ctrl-C ends a stream
            }
        });
        return verb;
    }

    private static async Task StreamAsync(string socket, string path, Action<ObservedPacket> emit, CancellationToken ct)
    {
        var (http, response) = await LocalApi.OpenStreamAsync(socket, path, ct).ConfigureAwait(false);
        using (http)
        using (response)
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false));
            while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } text)
            {
                if (text.Length > 0 && JsonSerializer.Deserialize(text, ClientJsonContext.Default.ObservedPacket) is { } line)
                {
                    emit(line);
                }
            }
        }
    }
}
