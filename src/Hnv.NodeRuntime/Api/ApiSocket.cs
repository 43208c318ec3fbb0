namespace Hnv.NodeRuntime.Api;

/// <summary>A daemon's local API socket file: made ready before Kestrel binds it, and closed to everyone but root and its group once bound.</summary>
public static class ApiSocket
{
    /// <summary>Read and write (connect) for its owner and group, nothing for others.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    /// <summary>A folder the daemon makes for its socket: entered by its owner and group only.</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    /// <summary>
    /// Removes a socket file left by a crashed run (Kestrel would fail to bind) and makes its folder when missing, mode
    /// <see cref="FolderMode"/>: between the bind and <see cref="Restrict"/> the socket has the process umask's mode, and a
    /// folder others cannot enter closes that window whatever the umask (an operator's existing folder is left as it is).
    /// </summary>
    public static void Prepare(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder);
                File.SetUnixFileMode(folder, FolderMode); // exactly: a mode given to mkdir is narrowed by the umask
            }
        }

        File.Delete(path); // after the folder: deleting in a folder that is missing throws
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
