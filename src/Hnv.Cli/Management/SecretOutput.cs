using Hnv.Client.Access;

namespace Hnv.Cli.Management;

/// <summary>`--secret-file`: the secret written owner-only, or a file problem (exit code) saying why not.</summary>
internal static class SecretOutput
{
    public static void Write(string path, string secret)
    {
        try
        {
            SecretFile.Write(path, secret);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            throw new ManagementException($"Cannot write the secret to {path}: {e.Message}", ExitCodes.FileProblem);
        }
    }
}
