namespace Hnv.Client.Access;

/// <summary>Writes a token's secret to a file only its owner can read, created with that mode (never readable in between).</summary>
public static class SecretFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be written.</exception>
    /// <exception cref="PlatformNotSupportedException">Not on a Unix system.</exception>
    public static void Write(string path, string secret)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Secret files are written with Unix permissions; hnv runs on Linux.");
        }

        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerOnly };
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(secret);
        }

        File.SetUnixFileMode(path, OwnerOnly); // an older file of that name kept its mode
    }
}
