using Hnv.Client;
using Hnv.Client.Access;
using Hnv.Client.Agent;

namespace Hnv.NodeRuntime.Configuration;

/// <summary>Reads the policy source every forwarding daemon's configuration names: a policy file, or the controller.</summary>
public static class ControllerConfigReader
{
    /// <summary>Exactly one policy source: a file, or the controller with a token file.</summary>
    public static ControllerSourceSettings? Validate(string? host, string? policyFile, ControllerConfig? controllerConfig, List<ConfigProblem> problems)
    {
        var hasFile = !string.IsNullOrWhiteSpace(policyFile);
        if (controllerConfig is not { } controller)
        {
            if (!hasFile)
            {
                problems.Add(new("policyFile", "No policy source: give \"controller\" (address and tokenFile) or \"policyFile\" (a policy document)."));
            }

            return null;
        }

        if (hasFile)
        {
            problems.Add(new("policyFile", "Give one policy source: \"controller\" or \"policyFile\", not both."));
        }

        var before = problems.Count;
        var addresses = new List<ControllerAddress>();
        if (controller.Addresses is { Count: > 0 } several)
        {
            if (controller.Address is not null)
            {
                problems.Add(new("controller.address", "Give \"address\" (one replica) or \"addresses\" (several), not both."));
            }

            for (var i = 0; i < several.Count; i++)
            {
                if (ControllerAddress.TryParse(several[i], out var one, out var wrong))
                {
                    addresses.Add(one!);
                }
                else
                {
                    problems.Add(new($"controller.addresses[{i}]", wrong!));
                }
            }
        }
        else if (ControllerAddress.TryParse(controller.Address, out var address, out var problem))
        {
            addresses.Add(address!);
        }
        else
        {
            problems.Add(new("controller.address", problem!));
        }

        if (string.IsNullOrWhiteSpace(controller.TokenFile))
        {
            problems.Add(new("controller.tokenFile", "The token file is missing; give the file holding this host's agent token (from 'hnv host credential HOST')."));
        }

        var silence = controller.SilenceSeconds ?? 15;
        if (silence is < 1 or > 3600)
        {
            problems.Add(new("controller.silenceSeconds", $"{silence} is out of range; expected 1 to 3600 seconds (default 15)."));
        }

        CertificateAuthority? authority = null;
        if (!string.IsNullOrWhiteSpace(controller.CaFile))
        {
            try
            {
                authority = CertificateAuthority.Load(controller.CaFile);
            }
            catch (InvalidDataException e)
            {
                problems.Add(new("controller.caFile", e.Message));
            }
        }

        var cache = string.IsNullOrWhiteSpace(controller.CacheFile) ? $"/var/lib/hnv/{host}.policy.json" : controller.CacheFile;
        return problems.Count > before ? null : new ControllerSourceSettings(addresses, controller.TokenFile!, cache, TimeSpan.FromSeconds(silence), authority);
    }

}
