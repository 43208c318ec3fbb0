using System.CommandLine;
using Hnv.Client.Access;
using Hnv.Client.Json;
using Hnv.Client.Resources;

namespace Hnv.Cli.Management;

/// <summary>`hnv host add|list|show|set|remove|credential`: the hosts whose agents forward for their VMs.</summary>
internal static class HostCommand
{
    public static readonly ResourceView<HostDocument> View = new(
        ClientJsonContext.Default.HostDocument,
        ("NAME", h => h.Name),
        ("DESCRIPTION", h => h.Description));

    private static readonly ResourceView<TokenDocument> CredentialView = new(
        ClientJsonContext.Default.TokenDocument,
        ("NAME", t => t.Name),
        ("HOST", t => t.Host),
        ("SECRET", t => t.Secret));

    public static Command Build()
    {
        var options = new ManagementOptions();
        var verb = new VerbCommand("host", "Add, list, show, describe and remove hosts, and issue a host's agent credential.", $"""
            A host's provider addresses and routes are managed with 'hnv provider-address' and 'hnv provider-route';
            its agent's state (connected, revision, lag) is shown by 'hnv status'.

            Examples:
              hnv host add h1 --description "rack 4"
              hnv host credential h1 --secret-file /etc/hnv/agent.token

            {ManagementExitCodes.Text}
            """);

        var name = new Argument<string>("NAME") { Description = "The host's name (the agent's 'host')." };
        var description = new Option<string?>("--description") { Description = "A free description." };

        var add = new Command("add", "Add a host.") { name, description };
        ManagementRun.SetAction(add, options, async (c, r) => c.WriteItem(View, await c.Client.CreateHostAsync(
            new HostDocument { Name = r.GetValue(name), Description = r.GetValue(description) }, c.Cancellation).ConfigureAwait(false)));

        var list = new Command("list", "List hosts.");
        ManagementRun.SetAction(list, options, async (c, _) =>
            c.WriteList(View, (await c.Client.ListHostsAsync(c.Cancellation).ConfigureAwait(false)).Items));

        var show = new Command("show", "Show a host.") { name };
        ManagementRun.SetAction(show, options, async (c, r) =>
            c.WriteItem(View, await c.Client.GetHostAsync(r.GetValue(name)!, c.Cancellation).ConfigureAwait(false)));

        var newDescription = ManagementOptions.Required(description);
        var set = new Command("set", "Change a host's description.") { name, newDescription };
        ManagementRun.SetAction(set, options, async (c, r) => c.WriteItem(View, await c.Client.UpdateHostAsync(
            r.GetValue(name)!, new HostDocument { Name = r.GetValue(name), Description = r.GetValue(newDescription) }, c.Cancellation)
            .ConfigureAwait(false)));

        var remove = new Command("remove", "Remove a host (no NIC, provider address or route may name it).") { name };
        ManagementRun.SetAction(remove, options, async (c, r) =>
            await c.Client.DeleteHostAsync(r.GetValue(name)!, c.Cancellation).ConfigureAwait(false));

        var secretFile = new Option<string?>("--secret-file")
        {
            Description = "Write the secret to this file (mode 0600) instead of showing it.",
        };
        var credential = new Command("credential", "Issue the host's agent token; the host's previous token stops working.") { name, secretFile };
        ManagementRun.SetAction(credential, options, async (c, r) =>
        {
            var token = await c.Client.CreateHostCredentialAsync(r.GetValue(name)!, c.Cancellation).ConfigureAwait(false);
            if (r.GetValue(secretFile) is { } path)
            {
                SecretOutput.Write(path, token.Secret ?? string.Empty);
                token.Secret = $"(written to {path})";
            }

            c.WriteItem(CredentialView, token);
        });

        options.AddTo(verb, add, list, show, set, remove, credential);
        return verb;
    }
}
