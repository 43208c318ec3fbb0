using Hnv.Client;
using Hnv.Client.Access;
using Hnv.Client.Agent;

namespace Hnv.Agent.Configuration;

/// <summary>A validated <see cref="ControllerConfig"/>; <paramref name="Authority"/> is the private CA an https:// controller is checked against.</summary>
public sealed record ControllerSourceSettings(ControllerAddress Address, string TokenFile, string CacheFile, TimeSpan Silence, CertificateAuthority? Authority = null)
{
    /// <summary>An HttpClient for the controller, trusting <see cref="Authority"/> when there is one.</summary>
    public HttpClient CreateHttpClient() => Address.CreateHttpClient(authority: Authority);
}
