using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hnv.Cli.Management;

/// <summary>
/// The `hnv` config file (JSON): <c>{ "controller": "https://ctl:8470", "tokenFile": "/etc/hnv/operator.token" }</c>
/// or with <c>"token"</c> inline. Read from $HNV_CONFIG, else $XDG_CONFIG_HOME/hnv/config.json, else
/// ~/.config/hnv/config.json; a missing default file is no error, a missing $HNV_CONFIG is.
/// </summary>
internal sealed class CliConfigFile
{
    public string? Controller { get; set; }

    public string? Token { get; set; }

    public string? TokenFile { get; set; }

    /// <summary>The path the config is read from, given the environment.</summary>
    public static (string Path, bool Explicit) Locate(Func<string, string?> environment)
    {
        if (environment("HNV_CONFIG") is { Length: > 0 } explicitPath)
        {
            return (explicitPath, true);
        }

        var configHome = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return (Path.Combine(configHome, "hnv", "config.json"), false);
    }

    /// <summary>Reads the config file; null when the default one does not exist.</summary>
    /// <exception cref="ManagementException">The file is unreadable or not this JSON.</exception>
    public static CliConfigFile? Read(string path, bool mustExist)
    {
        if (!File.Exists(path))
        {
            return mustExist ? throw new ManagementException($"The config file {path} (from HNV_CONFIG) does not exist.", ExitCodes.FileProblem) : null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), CliConfigJsonContext.Default.CliConfigFile)
                ?? throw new ManagementException($"The config file {path} is empty; expected {{\"controller\": \"...\", \"tokenFile\": \"...\"}}.", ExitCodes.FileProblem);
        }
        catch (JsonException e)
        {
            throw new ManagementException($"The config file {path} is not valid: {e.Message}", ExitCodes.FileProblem);
        }
        catch (IOException e)
        {
            throw new ManagementException($"The config file {path} cannot be read: {e.Message}", ExitCodes.FileProblem);
        }
    }
}

/// <summary>Source-generated JSON for <see cref="CliConfigFile"/>; unknown fields are errors, so typos are caught.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(CliConfigFile))]
internal sealed partial class CliConfigJsonContext : JsonSerializerContext;
