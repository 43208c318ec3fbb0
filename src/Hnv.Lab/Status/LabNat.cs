using System.Text.Json;
using Hnv.Client;
using Hnv.Lab.State;

namespace Hnv.Lab.Status;

/// <summary>`hnv lab nat`: a gateway's translations now, per routing domain, from its local API (GET /v1/nat).</summary>
public static class LabNat
{
    /// <summary>The gateway's answer (an array of domains with their connections); throws when the lab, the gateway or its answer is missing.</summary>
    public static JsonElement Read(string name, string gateway)
    {
        var state = LabStateFile.TryLoad(LabPaths.For(name))
            ?? throw new LabException($"No lab named '{name}' is up; 'hnv lab ls' lists the labs.");
        if (!state.Topology.Gateways.Exists(g => g.Name == gateway))
        {
            var names = state.Topology.Gateways.ConvertAll(g => g.Name);
            throw new LabException(names.Count == 0
                ? $"The lab '{name}' has no gateways."
                : $"The lab '{name}' has no gateway '{gateway}'; its gateways are {string.Join(", ", names)}.");
        }

        var socket = LabPaths.For(name).ApiSocket(gateway);
        return LocalApi.TryGet(socket, "/v1/nat", out var problem)
            ?? throw new LabException($"The gateway {gateway} did not answer at {socket}: {problem} ('hnv lab status {name}' says whether it runs).");
    }
}
