namespace Hnv.Cli.Management;

/// <summary>Writes a secret to a file only its owner can read, created with that mode (never readable in between).</summary>
internal static class SecretFile
{
    public static void Write(string path, string secret)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new ManagementException("Secret files are written with Unix permissions; hnv runs on Linux.", ExitCodes.FileProblem);
        }

        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            };
            using var stream = new FileStream(path, options);
            using var writer = new StreamWriter(stream);
            writer.WriteLine(secret);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ManagementException($"Cannot write the secret to {path}: {e.Message}", ExitCodes.FileProblem);
        }
    }
}
