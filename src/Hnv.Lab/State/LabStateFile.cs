using System.Text.Json;

namespace Hnv.Lab.State;

/// <summary>Reads and writes lab.json (atomically: a temporary file renamed over the old one).</summary>
public static class LabStateFile
{
    /// <summary>Writes the state to its lab's folder.</summary>
    public static void Save(LabPaths paths, LabState state)
    {
        var temporary = paths.StateFile + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(state, LabJsonContext.Default.LabState));
        File.Move(temporary, paths.StateFile, overwrite: true);
    }

    /// <summary>The lab's state, or null when it has no state file or the file cannot be read.</summary>
    public static LabState? TryLoad(LabPaths paths)
    {
        try
        {
            return File.Exists(paths.StateFile)
                ? JsonSerializer.Deserialize(File.ReadAllText(paths.StateFile), LabJsonContext.Default.LabState)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
