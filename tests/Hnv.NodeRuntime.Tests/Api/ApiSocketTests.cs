using Hnv.NodeRuntime.Api;

namespace Hnv.NodeRuntime.Tests.Api;

/// <summary>A daemon's API socket folder (issue 16, defect 8): one it makes is closed to others; an operator's is left alone.</summary>
[Trait("tier", "system")]
public sealed class ApiSocketTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hnv-socket-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Prepare_MissingFolder_IsMadeForOwnerAndGroupOnly_AndALeftoverSocketGoes()
    {
        var socket = Path.Combine(_folder, "run", "gw1.gateway.sock");

        ApiSocket.Prepare(socket);
        File.WriteAllText(socket, "left by a crash");
        ApiSocket.Prepare(socket);

        Assert.Equal(ApiSocket.FolderMode, File.GetUnixFileMode(Path.GetDirectoryName(socket)!));
        Assert.False(File.Exists(socket));
    }

    [Fact]
    public void Prepare_ExistingFolder_KeepsItsMode()
    {
        var existing = Path.Combine(_folder, "shared");
        Directory.CreateDirectory(existing);
        File.SetUnixFileMode(existing, (UnixFileMode)0b111_111_101); // 0775, as an operator made it

        ApiSocket.Prepare(Path.Combine(existing, "h1.agent.sock"));

        Assert.Equal((UnixFileMode)0b111_111_101, File.GetUnixFileMode(existing));
    }
}
