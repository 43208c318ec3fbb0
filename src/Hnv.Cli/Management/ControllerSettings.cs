using Hnv.Client;
using Hnv.Client.Access;

namespace Hnv.Cli.Management;

/// <summary>
/// Where the controller is and which token to show it, from the first place that says: the command line
/// (--controller, --token, --token-file), the environment (HNV_CONTROLLER, HNV_TOKEN, HNV_TOKEN_FILE), the
/// config file (see <see cref="CliConfigFile"/>). The controller defaults to http://127.0.0.1:8470. A private CA
/// for an https:// controller comes from --ca-file or HNV_CA_FILE. Replicas are given as one comma-separated list
/// ("https://c1:8471,https://c2:8471"): a call that cannot connect to one goes to the next.
/// </summary>
internal sealed record ControllerSettings(IReadOnlyList<ControllerAddress> Addresses, string? Token, CertificateAuthority? Authority = null)
{
    /// <summary>The address used when nothing names one: a controller on this machine.</summary>
    public const string DefaultAddress = "http://127.0.0.1:8470";

    /// <summary>Resolves the settings.</summary>
    /// <exception cref="ManagementException">An address is malformed, or a token file or config file is unreadable.</exception>
    public static ControllerSettings Resolve(string? controller, string? token, string? tokenFile, Func<string, string?> environment, string? caFile = null)
    {
        CliConfigFile? config = null;
        CliConfigFile? Config()
        {
            if (config is null)
            {
                var (path, mustExist) = CliConfigFile.Locate(environment);
                config = CliConfigFile.Read(path, mustExist) ?? new CliConfigFile();
            }

            return config;
        }

        var addressText = controller ?? Env(environment, "HNV_CONTROLLER") ?? Config()!.Controller ?? DefaultAddress;
        var addresses = new List<ControllerAddress>();
        foreach (var text in addressText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            addresses.Add(ControllerAddress.TryParse(text, out var address, out var problem) ? address! : throw new ManagementException(problem!, ExitCodes.Usage));
        }

        if (addresses.Count == 0)
        {
            throw new ManagementException($"'{addressText}' names no controller; expected http(s)://HOST:PORT or unix:/PATH.", ExitCodes.Usage);
        }

        var secret = token
            ?? FromFile(tokenFile, "--token-file")
            ?? Env(environment, "HNV_TOKEN")
            ?? FromFile(Env(environment, "HNV_TOKEN_FILE"), "HNV_TOKEN_FILE")
            ?? Config()!.Token
            ?? FromFile(Config()!.TokenFile, "the config file's tokenFile");
        return new ControllerSettings(addresses, secret, LoadAuthority(caFile ?? Env(environment, "HNV_CA_FILE")));
    }

    /// <summary>Makes a client for these settings.</summary>
    public HnvClient CreateClient() => ControllerReplicas.CreateClient(Addresses, Token, Authority);

    private static CertificateAuthority? LoadAuthority(string? caFile)
    {
        try
        {
            return caFile is null ? null : CertificateAuthority.Load(caFile);
        }
        catch (InvalidDataException e)
        {
            throw new ManagementException(e.Message, ExitCodes.FileProblem);
        }
    }

    private static string? Env(Func<string, string?> environment, string name) => environment(name) is { Length: > 0 } value ? value : null;

    private static string? FromFile(string? path, string source)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            var text = File.ReadAllText(path).Trim();
            return text.Length > 0 ? text : throw new ManagementException($"The token file {path} (from {source}) is empty.", ExitCodes.FileProblem);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ManagementException($"The token file {path} (from {source}) cannot be read: {e.Message}", ExitCodes.FileProblem);
        }
    }
}
