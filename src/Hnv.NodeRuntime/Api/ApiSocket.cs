namespace Hnv.NodeRuntime.Api;

/// <summary>A daemon's local API socket file: made ready before Kestrel binds it, and closed to everyone but root and its group once bound.</summary>
public static class ApiSocket
{
    /// <summary>Read and write (connect) for its owner and group, nothing for others.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    /// <summary>Removes a socket file left by a crashed run (Kestrel would fail to bind) and makes its folder.</summary>
    public static void Prepare(string path)
    {
        File.Delete(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Sets <see cref="Mode"/> on the bound socket.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, Mode);
        }
    }
}
