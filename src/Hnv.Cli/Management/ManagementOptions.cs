using System.CommandLine;

namespace Hnv.Cli.Management;

/// <summary>
/// The options every management verb takes, on the verb and all its subcommands: where the controller is, the
/// token, and how to show what comes back.
/// </summary>
internal sealed class ManagementOptions
{
    public const string Table = "table";
    public const string Json = "json";

    public Option<string?> Controller { get; } = new("--controller")
    {
        Description = $"The controller: http(s)://HOST:PORT or unix:/PATH, or replicas separated by commas (default: $HNV_CONTROLLER, the config file, else {ControllerSettings.DefaultAddress}).",
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "The bearer token (default: $HNV_TOKEN, $HNV_TOKEN_FILE, the config file). Prefer --token-file: a token on a command line is visible to every user.",
        Recursive = true,
    };

    public Option<string?> TokenFile { get; } = new("--token-file") { Description = "A file holding the bearer token.", Recursive = true };

    public Option<string?> CaFile { get; } = new("--ca-file")
    {
        Description = "A PEM file of the CA that issued an https:// controller's certificate (default: $HNV_CA_FILE; else the system's CAs).",
        Recursive = true,
    };

    public Option<string> Output { get; } = CreateOutput();

    /// <summary>Adds the options and <paramref name="subcommands"/> to a verb (the options apply to its subcommands too).</summary>
    public void AddTo(Command verb, params Command[] subcommands)
    {
        foreach (var subcommand in subcommands)
        {
            verb.Subcommands.Add(subcommand);
        }

        verb.Options.Add(Controller);
        verb.Options.Add(Token);
        verb.Options.Add(TokenFile);
        verb.Options.Add(CaFile);
        verb.Options.Add(Output);
    }

    private static Option<string> CreateOutput()
    {
        var output = new Option<string>("--output", "-o")
        {
            Description = "How to show results: a table (the default) or JSON.",
            DefaultValueFactory = _ => Table,
            Recursive = true,
        };
        output.AcceptOnlyFromAmong(Table, Json);
        return output;
    }

    /// <summary>A required copy of <paramref name="template"/> ("add" needs what "list" and "set" only filter or change by).</summary>
    public static Option<T> Required<T>(Option<T> template) => Copy(template, required: true);

    /// <summary>An optional copy of <paramref name="template"/>.</summary>
    public static Option<T> Optional<T>(Option<T> template) => Copy(template, required: false);

    // An option object is parsed for the command it sits on; copies let one definition serve several subcommands.
    private static Option<T> Copy<T>(Option<T> template, bool required) =>
        new(template.Name, [.. template.Aliases]) { Description = template.Description, Required = required };
}
