namespace Hnv.Controller.Access;

/// <summary>
/// A token's secret on disk: mode 0600 from its creation, written whole under a temporary name and moved into place,
/// so a reader never sees half a secret. Written before the token is stored, so a file that cannot be written leaves
/// no token whose secret nobody has.
/// </summary>
internal sealed class StagedSecretFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private StagedSecretFile(string path, string temporary)
    {
        Path = path;
        Temporary = temporary;
    }

    /// <summary>The full path the secret ends up at.</summary>
    public string Path { get; }

    private string Temporary { get; }

    /// <summary>Writes <paramref name="secret"/> beside <paramref name="path"/>; <see cref="Publish"/> moves it into place.</summary>
    /// <exception cref="IOException">The folder or file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or file cannot be written.</exception>
    public static async Task<StagedSecretFile> WriteAsync(string path, string secret, CancellationToken ct)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerOnly };
        await using (var stream = new FileStream(temporary, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteLineAsync(secret.AsMemory(), ct).ConfigureAwait(false);
        }

        File.SetUnixFileMode(temporary, OwnerOnly); // an older file of that name kept its mode
        return new StagedSecretFile(full, temporary);
    }

    /// <summary>Moves the secret into place.</summary>
    public void Publish() => File.Move(Temporary, Path, overwrite: true);

    /// <summary>Removes the secret that was not published.</summary>
    public void Discard() => File.Delete(Temporary);
}
