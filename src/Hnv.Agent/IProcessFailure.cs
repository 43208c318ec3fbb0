namespace Hnv.Agent;

/// <summary>Stops the agent when a part it cannot run without has failed (the forwarding worker).</summary>
public interface IProcessFailure
{
    /// <summary>Records the failure and asks the host to stop with a non-zero exit code.</summary>
    void Fail(Exception reason);
}
