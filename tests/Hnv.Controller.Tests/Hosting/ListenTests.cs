using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Hnv.Client;
using Hnv.Client.Resources;
using Hnv.Controller.Tests.Fixtures;

namespace Hnv.Controller.Tests.Hosting;

/// <summary>Where the controller listens: HTTPS with a configured certificate, a Unix socket; and the OpenAPI document it serves.</summary>
[Trait("tier", "service")]
public sealed class ListenTests
{
    [Fact]
    public async Task Https_SelfSignedCertificate_WorksWithClientThatTrustsIt()
    {
        var folder = Directory.CreateTempSubdirectory("hnv-tls-").FullName;
        using var certificate = SelfSigned();
        var certificateFile = Path.Combine(folder, "cert.pem");
        var keyFile = Path.Combine(folder, "key.pem");
        await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem());
        using (var key = certificate.GetECDsaPrivateKey()!)
        {
            await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
        }

        await using var server = await ControllerServer.StartAsync(folder, listen: ["https://127.0.0.1:0"], certificate: certificateFile, key: keyFile);
        Assert.Equal("https", server.BaseAddress!.Scheme);
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
            presented is not null && presented.GetCertHashString() == certificate.GetCertHashString();
        using var http = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        var client = new HnvClient(http, server.Token);
        await client.CreateHostAsync(new HostDocument { Name = "h1" });
        Assert.Equal(["h1"], (await client.ListHostsAsync()).Items.Select(h => h.Name));

        // A client that trusts only the system's roots refuses the self-signed certificate.
        using var strict = new HttpClient { BaseAddress = server.BaseAddress };
        await Assert.ThrowsAsync<HnvApiException>(() => new HnvClient(strict, server.Token).ListHostsAsync());
    }

    [Fact]
    public async Task Replicas_FirstCannotBeReached_CallsGoToTheNextOnce()
    {
        var folder = Directory.CreateTempSubdirectory("hnv-replicas-").FullName;
        var socket = Path.Combine(folder, "controller.sock");
        await using var server = await ControllerServer.StartAsync(folder, listen: ["unix:" + socket]);
        var down = ControllerAddress.Parse("unix:" + Path.Combine(folder, "nobody-listens.sock"));
        var client = ControllerReplicas.CreateClient([down, ControllerAddress.Parse("unix:" + socket)], server.Token);
        var before = server.Engine.Current.Revision;

        await client.CreateHostAsync(new HostDocument { Name = "h1" });

        Assert.Equal(before + 1, server.Engine.Current.Revision); // written once
        Assert.Equal("h1", (await client.GetHostAsync("h1")).Name);
    }

    [Fact]
    public async Task UnixSocket_ClientThroughControllerAddress_Works()
    {
        var folder = Directory.CreateTempSubdirectory("hnv-unix-").FullName;
        var socket = Path.Combine(folder, "controller.sock");
        await using var server = await ControllerServer.StartAsync(folder, listen: ["unix:" + socket]);
        using var http = ControllerAddress.Parse("unix:" + socket).CreateHttpClient();
        var client = new HnvClient(http, server.Token);
        await client.CreateHostAsync(new HostDocument { Name = "h1" });
        Assert.Equal("h1", (await client.GetHostAsync("h1")).Name);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(ApiPaths.Health)).StatusCode);
    }

    [Fact]
    public async Task OpenApi_ListsEveryRoute()
    {
        await using var server = await ControllerServer.StartAsync();
        using var http = server.HttpClient();
        using var document = JsonDocument.Parse(await http.GetStringAsync(ApiPaths.OpenApi));
        var paths = document.RootElement.GetProperty("paths");
        string[] expected =
        [
            $"get {ApiPaths.Health}", $"get {ApiPaths.Status}",
            $"get {ApiPaths.RoutingDomains}", $"post {ApiPaths.RoutingDomains}",
            $"get {ApiPaths.RoutingDomains}/{{rdid}}", $"put {ApiPaths.RoutingDomains}/{{rdid}}", $"delete {ApiPaths.RoutingDomains}/{{rdid}}",
            $"get {ApiPaths.VirtualSubnets}", $"post {ApiPaths.VirtualSubnets}",
            $"get {ApiPaths.VirtualSubnets}/{{vsid}}", $"put {ApiPaths.VirtualSubnets}/{{vsid}}", $"delete {ApiPaths.VirtualSubnets}/{{vsid}}",
            $"get {ApiPaths.Hosts}", $"post {ApiPaths.Hosts}",
            $"get {ApiPaths.Hosts}/{{name}}", $"put {ApiPaths.Hosts}/{{name}}", $"delete {ApiPaths.Hosts}/{{name}}",
            $"post {ApiPaths.Hosts}/{{name}}/credential", $"get {ApiPaths.Hosts}/{{name}}/watch",
            $"get {ApiPaths.Hosts}/{{name}}/status", $"post {ApiPaths.Hosts}/{{name}}/status",
            $"get {ApiPaths.Gateways}", $"post {ApiPaths.Gateways}",
            $"get {ApiPaths.Gateways}/{{name}}", $"put {ApiPaths.Gateways}/{{name}}", $"delete {ApiPaths.Gateways}/{{name}}",
            $"get {ApiPaths.Gateways}/{{name}}/domains", $"post {ApiPaths.Gateways}/{{name}}/domains",
            $"get {ApiPaths.Gateways}/{{name}}/domains/{{rdid}}", $"put {ApiPaths.Gateways}/{{name}}/domains/{{rdid}}", $"delete {ApiPaths.Gateways}/{{name}}/domains/{{rdid}}",
            $"post {ApiPaths.Gateways}/{{name}}/domains/{{rdid}}/forwards", $"delete {ApiPaths.Gateways}/{{name}}/domains/{{rdid}}/forwards/{{protocol}}/{{port}}",
            $"get {ApiPaths.NetworkInterfaces}", $"post {ApiPaths.NetworkInterfaces}",
            $"get {ApiPaths.NetworkInterfaces}/{{name}}", $"put {ApiPaths.NetworkInterfaces}/{{name}}", $"delete {ApiPaths.NetworkInterfaces}/{{name}}",
            $"get {ApiPaths.LookupRecords}", $"post {ApiPaths.LookupRecords}",
            $"get {ApiPaths.LookupRecords}/{{vsid}}/{{ca}}", $"put {ApiPaths.LookupRecords}/{{vsid}}/{{ca}}", $"delete {ApiPaths.LookupRecords}/{{vsid}}/{{ca}}",
            $"get {ApiPaths.CustomerRoutes}", $"post {ApiPaths.CustomerRoutes}", $"put {ApiPaths.CustomerRoutes}", $"delete {ApiPaths.CustomerRoutes}",
            $"get {ApiPaths.ProviderAddresses}", $"post {ApiPaths.ProviderAddresses}",
            $"get {ApiPaths.ProviderAddresses}/{{pa}}", $"put {ApiPaths.ProviderAddresses}/{{pa}}", $"delete {ApiPaths.ProviderAddresses}/{{pa}}",
            $"get {ApiPaths.ProviderRoutes}", $"post {ApiPaths.ProviderRoutes}", $"put {ApiPaths.ProviderRoutes}", $"delete {ApiPaths.ProviderRoutes}",
            $"get {ApiPaths.Tokens}", $"post {ApiPaths.Tokens}", $"delete {ApiPaths.Tokens}/{{name}}",
            $"post {ApiPaths.Root}/batch",
            $"post {ApiPaths.Trace}", $"post {ApiPaths.UnderlayTrace}", $"post {ApiPaths.Hosts}/{{name}}/probes/{{id}}",
        ];
        var listed = paths.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name} {p.Name.TrimEnd('/')}"))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(expected.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        var createNic = paths.GetProperty(ApiPaths.NetworkInterfaces).GetProperty("post");
        Assert.True(createNic.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
    }
}
