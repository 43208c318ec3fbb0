using System.Text.Json;
using System.Text.Json.Serialization;
using Hnv.Client.Watch;
using Hnv.Policy.Documents;
using Hnv.Policy.Snapshots;
using Hnv.Policy.Validation;

namespace Hnv.NodeRuntime.Policy;

/// <summary>
/// The last policy a node applied, on disk: { "host", "revision", "policy", "gateway" }. Written to a temporary file,
/// flushed to the disk and renamed over the old one, so a crash or a full disk leaves the previous cache whole.
/// </summary>
public sealed class PolicyCache(string path)
{
    /// <summary>The cache file.</summary>
    public string Path { get; } = path;

    /// <summary>Reads the cache of <paramref name="host"/>; false with the reason when there is none or it is unusable.</summary>
    public bool TryLoad(string host, out PolicySnapshot? snapshot, out string? reason) => TryLoad(host, out snapshot, out _, out reason);

    /// <summary>Reads the cache of <paramref name="host"/> with what it serves as a gateway (null for an agent).</summary>
    public bool TryLoad(string host, out PolicySnapshot? snapshot, out GatewayView? gateway, out string? reason)
    {
        snapshot = null;
        gateway = null;
        reason = null;
        if (!File.Exists(Path))
        {
            reason = "there is no cache yet";
            return false;
        }

        try
        {
            using var stream = File.OpenRead(Path);
            var cached = JsonSerializer.Deserialize(stream, PolicyCacheJsonContext.Default.PolicyCacheDocument);
            if (cached?.Policy is null || cached.Revision <= 0)
            {
                reason = "it holds no policy";
                return false;
            }

            if (!string.Equals(cached.Host, host, StringComparison.Ordinal))
            {
                reason = $"it is the cache of host '{cached.Host}', not '{host}'";
                return false;
            }

            var problems = PolicyValidator.Validate(cached.Policy, out var set);
            if (problems.Count > 0)
            {
                reason = "it does not validate: " + string.Join("; ", problems);
                return false;
            }

            snapshot = PolicySnapshot.Build(set!, cached.Revision);
            gateway = cached.Gateway;
            return true;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or PolicyValidationException)
        {
            reason = e.Message;
            return false;
        }
    }

    /// <summary>Saves <paramref name="snapshot"/> as the cache of <paramref name="host"/>.</summary>
    /// <exception cref="IOException">The disk refused; the previous cache is untouched.</exception>
    public void Save(string host, PolicySnapshot snapshot, GatewayView? gateway = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var document = new PolicyCacheDocument { Host = host, Revision = snapshot.Revision, Policy = PolicyDocuments.From(snapshot.ToPolicySet()), Gateway = gateway };
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        var temporary = Path + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, document, PolicyCacheJsonContext.Default.PolicyCacheDocument);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
        }
        catch (IOException)
        {
            // A half-written temporary file would only take space from the next attempt.
            File.Delete(temporary);
            throw;
        }
    }
}

/// <summary>The cache file's content.</summary>
public sealed class PolicyCacheDocument
{
    public string? Host { get; set; }

    public long Revision { get; set; }

    public PolicyDocument? Policy { get; set; }

    /// <summary>A gateway's served domains (<see cref="ServedDomains"/>), so it sets up its contexts without the controller too.</summary>
    public GatewayView? Gateway { get; set; }
}

/// <summary>Source-generated JSON for <see cref="PolicyCacheDocument"/>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PolicyCacheDocument))]
internal sealed partial class PolicyCacheJsonContext : JsonSerializerContext;
