using System.CommandLine;
using System.Globalization;
using Hnv.Client.Access;
using Hnv.Client.Json;

namespace Hnv.Cli.Management;

/// <summary>`hnv token add|list|remove`: operator bearer tokens ("read" or "write"), optionally limited to routing domains.</summary>
internal static class TokenCommand
{
    public static readonly ResourceView<TokenDocument> View = new(
        ClientJsonContext.Default.TokenDocument,
        ("NAME", t => t.Name),
        ("ROLE", t => t.Role),
        ("HOST", t => t.Host),
        ("ROUTING DOMAINS", t => t.RoutingDomains is null ? "all" : Names.Join(t.RoutingDomains)),
        ("CREATED", t => t.Created?.ToString("u", CultureInfo.InvariantCulture)),
        ("SECRET", t => t.Secret));

    public static Command Build()
    {
        var options = new ManagementOptions();
        var verb = new VerbCommand("token", "Add, list and remove operator tokens (read or write); agent tokens come from 'hnv host credential'.", $"""
            The controller keeps only a hash of each token: a secret is shown once, when it is made.

            Examples:
              hnv token add monitoring --role read --secret-file monitoring.token
              hnv token add blue-team --role write --routing-domain blue   (sees and changes only blue's subnets, NICs, records, routes)
              hnv token list

            {ManagementExitCodes.Text}
            """);

        var name = new Argument<string>("NAME") { Description = "The token's name." };
        var role = new Option<string>("--role") { Description = "read or write.", Required = true };
        role.AcceptOnlyFromAmong(TokenRoles.Read, TokenRoles.Write);
        var secretFile = new Option<string?>("--secret-file") { Description = "Write the secret to this file (mode 0600) instead of showing it." };
        var domains = new Option<string[]>("--routing-domain") { Description = "Limit the token to this routing domain (RDID or name); repeatable. Left out: it reaches all." };

        var add = new Command("add", "Add an operator token.") { name, role, secretFile, domains };
        ManagementRun.SetAction(add, options, async (c, r) =>
        {
            List<string>? scope = null;
            foreach (var domain in r.GetValue(domains) ?? [])
            {
                (scope ??= []).Add(await Names.RdidAsync(c, domain).ConfigureAwait(false));
            }

            var token = await c.Client.CreateTokenAsync(new TokenDocument { Name = r.GetValue(name), Role = r.GetValue(role), RoutingDomains = scope }, c.Cancellation)
                .ConfigureAwait(false);
            if (r.GetValue(secretFile) is { } path)
            {
                SecretOutput.Write(path, token.Secret ?? string.Empty);
                token.Secret = $"(written to {path})";
            }

            c.WriteItem(View, token);
        });

        var list = new Command("list", "List tokens (names and roles, never secrets).");
        ManagementRun.SetAction(list, options, async (c, _) =>
            c.WriteList(View, (await c.Client.ListTokensAsync(c.Cancellation).ConfigureAwait(false)).Items));

        var remove = new Command("remove", "Remove a token; it stops working at once.") { name };
        ManagementRun.SetAction(remove, options, async (c, r) =>
            await c.Client.DeleteTokenAsync(r.GetValue(name)!, c.Cancellation).ConfigureAwait(false));

        options.AddTo(verb, add, list, remove);
        return verb;
    }
}
