using Hnv.Dataplane.Node;
using Hnv.NodeRuntime.Logging;
using Hnv.Policy.Documents;
using Hnv.Policy.Snapshots;
using Hnv.Policy.Validation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hnv.NodeRuntime.Policy;

/// <summary>
/// Policy from a file (tests, air-gapped hosts, gateways without a controller): read at start, then
/// checked for changes every <see cref="PollInterval"/>. A file that does not validate is logged with every
/// problem and ignored: the node keeps forwarding with the last good revision. Polling the file's time and
/// length (not inotify) also catches editors and tools that replace the file by renaming over it.
/// </summary>
public sealed class PolicyFileSource(PolicySourceSettings settings, ForwardingNode node, ILogger<PolicyFileSource> logger, TimeProvider time)
    : BackgroundService
{
    /// <summary>How often the file is looked at.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private (DateTime Modified, long Length) _seen;

    private string PolicyFile => settings.PolicyFile ?? throw new InvalidOperationException("The settings name no policy file.");
    private long _revision;

    /// <summary>Loads the file now if it changed since the last look; true when a new revision was applied.</summary>
    public bool Refresh()
    {
        var file = new FileInfo(PolicyFile);
        if (!file.Exists)
        {
            if (_seen != default)
            {
                NodeLog.PolicyUnreadable(logger, PolicyFile, _revision, "the file is gone");
                _seen = default;
            }

            return false;
        }

        var stamp = (file.LastWriteTimeUtc, file.Length);
        if (stamp == _seen)
        {
            return false;
        }

        _seen = stamp;
        try
        {
            using var stream = File.OpenRead(PolicyFile);
            var document = PolicyJson.Deserialize(stream);
            var problems = PolicyValidator.Validate(document, out var set);
            if (problems.Count > 0)
            {
                NodeLog.PolicyRejected(logger, PolicyFile, _revision, string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")));
                return false;
            }

            var snapshot = PolicySnapshot.Build(set!, ++_revision);
            node.ApplyPolicy(snapshot);
            NodeLog.PolicyApplied(logger, snapshot.Revision, PolicyFile, set!.RoutingDomains.Length, set.LookupRecords.Length);
            return true;
        }
        catch (PolicyValidationException e)
        {
            NodeLog.PolicyRejected(logger, PolicyFile, _revision, string.Join("; ", e.Problems.Select(p => $"{p.Field}: {p.Message}")));
        }
        catch (IOException e)
        {
            // Caught mid-write: look again at the next poll.
            _seen = default;
            NodeLog.PolicyUnreadable(logger, PolicyFile, _revision, e.Message);
        }

        return false;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval, time);
        do
        {
            Refresh();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
