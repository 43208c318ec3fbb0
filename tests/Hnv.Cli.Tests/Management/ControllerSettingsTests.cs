using Hnv.Cli.Management;

namespace Hnv.Cli.Tests.Management;

/// <summary>Where `hnv` finds the controller and its token: flags, then environment, then the config file.</summary>
[Trait("tier", "pure")]
public sealed class ControllerSettingsTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly Dictionary<string, string> _environment = [];

    public ControllerSettingsTests() => _environment["HOME"] = _folder.Path;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Resolve_Nothing_DefaultsToLocalControllerWithoutToken()
    {
        var settings = Resolve();
        Assert.Equal(ControllerSettings.DefaultAddress + "/", Assert.Single(settings.Addresses).ToString());
        Assert.Null(settings.Token);
    }

    [Fact]
    public void Resolve_FlagsBeatEnvironmentBeatConfigFile()
    {
        WriteConfig("""{ "controller": "http://from-file:1", "token": "file-token" }""");
        Assert.Equal(("http://from-file:1/", "file-token"), Pair(Resolve()));

        _environment["HNV_CONTROLLER"] = "http://from-env:2";
        _environment["HNV_TOKEN"] = "env-token";
        Assert.Equal(("http://from-env:2/", "env-token"), Pair(Resolve()));

        Assert.Equal(("unix:/run/x.sock", "flag-token"), Pair(Resolve("unix:/run/x.sock", "flag-token")));
    }

    [Fact]
    public void Resolve_TokenFiles_AreReadAndTrimmed()
    {
        File.WriteAllText(_folder.File("t1"), "secret-one\n");
        File.WriteAllText(_folder.File("t2"), "secret-two\n");
        Assert.Equal("secret-one", Resolve(tokenFile: _folder.File("t1")).Token);

        _environment["HNV_TOKEN_FILE"] = _folder.File("t2");
        Assert.Equal("secret-two", Resolve().Token);

        WriteConfig($$"""{ "tokenFile": "{{_folder.File("t1")}}" }""");
        _environment.Remove("HNV_TOKEN_FILE");
        Assert.Equal("secret-one", Resolve().Token);
    }

    [Fact]
    public void Resolve_MissingTokenFile_IsAFileProblemNamingIt()
    {
        var error = Assert.Throws<ManagementException>(() => Resolve(tokenFile: _folder.File("absent")));
        Assert.Equal(ExitCodes.FileProblem, error.ExitCode);
        Assert.Contains(_folder.File("absent"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ConfigWithUnknownField_IsRejectedSoTyposShow()
    {
        WriteConfig("""{ "controler": "http://typo:1" }""");
        var error = Assert.Throws<ManagementException>(() => Resolve());
        Assert.Equal(ExitCodes.FileProblem, error.ExitCode);
        Assert.Contains("controler", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ExplicitConfigMissing_IsAnError_DefaultMissingIsNot()
    {
        _environment["HNV_CONFIG"] = _folder.File("nope.json");
        Assert.Equal(ExitCodes.FileProblem, Assert.Throws<ManagementException>(() => Resolve()).ExitCode);
        _environment.Remove("HNV_CONFIG");
        Assert.NotNull(Resolve());
    }

    [Fact]
    public void Resolve_MalformedAddress_IsAUsageError()
    {
        var error = Assert.Throws<ManagementException>(() => Resolve("ctl:8470"));
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("http://HOST:PORT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Replicas_CommaSeparatedInTheirOrder()
    {
        var settings = Resolve("https://c1:8471, https://c2:8471");

        Assert.Equal(["https://c1:8471/", "https://c2:8471/"], settings.Addresses.Select(a => a.ToString()));
        Assert.Equal(ExitCodes.Usage, Assert.Throws<ManagementException>(() => Resolve("https://c1:8471,ctl:2")).ExitCode);
        Assert.Equal(ExitCodes.Usage, Assert.Throws<ManagementException>(() => Resolve(" , ")).ExitCode);
    }

    [Fact]
    public void Resolve_CaFile_FromTheFlagOrTheEnvironment_MustHoldACertificate()
    {
        Assert.Null(Resolve().Authority);
        File.WriteAllText(_folder.File("empty.pem"), "not a certificate\n");
        _environment["HNV_CA_FILE"] = _folder.File("empty.pem");

        var error = Assert.Throws<ManagementException>(() => Resolve());

        Assert.Equal(ExitCodes.FileProblem, error.ExitCode);
        Assert.Contains("holds no PEM certificate", error.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<ManagementException>(() => ControllerSettings.Resolve(null, null, null, name => _environment.GetValueOrDefault(name), _folder.File("none.pem")));
        Assert.Contains("none.pem", missing.Message, StringComparison.Ordinal); // the flag wins over the environment
    }

    private static (string, string?) Pair(ControllerSettings settings) => (string.Join(",", settings.Addresses), settings.Token);

    private ControllerSettings Resolve(string? controller = null, string? token = null, string? tokenFile = null) =>
        ControllerSettings.Resolve(controller, token, tokenFile, name => _environment.GetValueOrDefault(name));

    private void WriteConfig(string json)
    {
        Directory.CreateDirectory(Path.Combine(_folder.Path, ".config", "hnv"));
        File.WriteAllText(Path.Combine(_folder.Path, ".config", "hnv", "config.json"), json);
    }
}
