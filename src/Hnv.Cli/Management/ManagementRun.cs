using System.CommandLine;
using System.Net;
using Hnv.Client;

namespace Hnv.Cli.Management;

/// <summary>
/// Runs one management command: resolves the controller and token, calls the API, and turns every failure into a
/// sentence on stderr and an exit code a script can rely on (<see cref="ManagementExitCodes"/>).
/// </summary>
internal static class ManagementRun
{
    /// <summary>The environment the settings are read from; tests replace it.</summary>
    public static Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Sets <paramref name="command"/>'s action to <paramref name="action"/> with a ready context.</summary>
    public static void SetAction(Command command, ManagementOptions options, Func<ManagementContext, ParseResult, Task> action) =>
        command.SetAction(async (parseResult, cancellationToken) => await RunAsync(parseResult, options, action, cancellationToken).ConfigureAwait(false));

    private static async Task<int> RunAsync(ParseResult parseResult, ManagementOptions options, Func<ManagementContext, ParseResult, Task> action,
        CancellationToken cancellationToken)
    {
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            var settings = ControllerSettings.Resolve(
                parseResult.GetValue(options.Controller), parseResult.GetValue(options.Token), parseResult.GetValue(options.TokenFile), Environment,
                parseResult.GetValue(options.CaFile));
            foreach (var plain in settings.Addresses.Where(a => a.IsPlainRemote && settings.Token is not null))
            {
                await error.WriteLineAsync($"warning: {plain} is plain http on another machine: the token crosses the network readable; use https:// (with --ca-file for a private CA).")
                    .ConfigureAwait(false);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            var context = new ManagementContext(
                settings.CreateClient(), parseResult.GetValue(options.Output) == ManagementOptions.Json, parseResult.InvocationConfiguration.Output, timeout.Token);
            await action(context, parseResult).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (ManagementException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return e.ExitCode;
        }
        catch (HnvApiException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ExitCodeOf(e);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("The controller did not answer within 30 seconds.").ConfigureAwait(false);
            return ExitCodes.Unreachable;
        }
    }

    /// <summary>The exit code for an API error.</summary>
    public static int ExitCodeOf(HnvApiException e) => e.Status switch
    {
        0 => ExitCodes.Unreachable,
        HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity => ExitCodes.Rejected,
        HttpStatusCode.NotFound => ExitCodes.NotFound,
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.NotAllowed,
        _ => ExitCodes.Unreachable,
    };
}
