using System.CommandLine;
using Hnv.Client;

namespace Hnv.Cli.Observe;

/// <summary>
/// `hnv capture --host H [--nic N | --underlay] [--vsid N] [--ca A] [--count N] [--duration S] -w FILE`: a pcap of what a
/// host forwards, taken while it forwards, for tshark and Wireshark.
/// </summary>
internal static class CaptureCommand
{
    public static Command Build()
    {
        var options = new TapOptions();
        var host = new Option<string>("--host") { Description = "The host (agent) or gateway to capture on.", Required = true };
        var file = new Option<string>("--write", "-w") { Description = "The pcap file to write (- for standard output).", Required = true };
        var maxBytes = new Option<long?>("--max-bytes") { Description = "Stop at this many bytes of packets (default 64 MiB)." };
        var verb = new VerbCommand("capture", "Capture what a host forwards to a pcap file, without stopping forwarding.", """
            Frames of the VMs' ports (Ethernet; --nic for one), or with --underlay the NVGRE packets on the underlay
            (raw IP, outer headers and all). --vsid and --ca filter by overlay fields, on underlay packets by the inner
            ones. A capture is bounded: --count (default 1000), --duration (default 60 s) and --max-bytes, whichever
            comes first; past 20,000 packets a second the agent leaves packets out rather than slow forwarding.
            Run it on the host, as root (in a lab, any lab host by name).

            Examples:
              hnv capture --host host1 --nic vm1 --count 20 -w vm1.pcap
              hnv capture --host host1 --underlay --vsid 5001 --duration 10 -w fabric.pcap
              tshark -r fabric.pcap -d ip.proto==47,gre

            Exit codes: 0 done; 1 the file cannot be written; 2 the command line is wrong; 3 the host's daemon does
            not answer; 4 it refused (a bad filter, too many captures at once); 5 no such NIC.
            """);
        verb.Options.Add(host);
        verb.Options.Add(file);
        verb.Options.Add(maxBytes);
        options.AddTo(verb);
        verb.SetAction(async (parsed, ct) =>
        {
            var error = parsed.InvocationConfiguration.Error;
            if (parsed.GetValue(options.Underlay) && parsed.GetValue(options.Nic) is not null)
            {
                error.WriteLine("Capture either a NIC's frames (--nic) or the underlay (--underlay), not both.");
                return ExitCodes.Usage;
            }

            var name = parsed.GetValue(host)!;
            if (NodeSockets.Resolve(name, parsed.GetValue(options.Socket), parsed.GetValue(options.Lab), out var problem) is not { } socket)
            {
                error.WriteLine(problem);
                return ExitCodes.Unreachable;
            }

            var query = options.Query(parsed, ("maxBytes", parsed.GetValue(maxBytes)?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var path = parsed.GetValue(file)!;
            try
            {
                var (http, response) = await LocalApi.OpenStreamAsync(socket, "/v1/capture" + query, ct).ConfigureAwait(false);
                using (http)
                using (response)
                {
                    await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                    await using var target = path == "-" ? Console.OpenStandardOutput() : File.Create(path);
                    var (packets, bytes, broken) = PcapCopy.Copy(body, target);
                    if (broken is not null)
                    {
                        error.WriteLine($"The capture from {name} is cut short: {broken}.");
                        return ExitCodes.Unreachable;
                    }

                    if (path != "-")
                    {
                        parsed.InvocationConfiguration.Output.WriteLine($"{packets} packets ({bytes} bytes) from {name} written to {path}");
                    }
                }

                return ExitCodes.Ok;
            }
            catch (HnvApiException e)
            {
                error.WriteLine($"{name} refused the capture: {e.Message}");
                return e.Status == System.Net.HttpStatusCode.TooManyRequests ? ExitCodes.Rejected : Management.ManagementRun.ExitCodeOf(e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"The capture could not be written to {path}: {e.Message}");
                return ExitCodes.FileProblem;
            }
        });
        return verb;
    }
}
