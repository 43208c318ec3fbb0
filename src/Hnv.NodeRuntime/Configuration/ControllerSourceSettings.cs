using Hnv.Client;
using Hnv.Client.Access;
using Hnv.Client.Agent;

namespace Hnv.NodeRuntime.Configuration;

/// <summary>
/// A validated <see cref="ControllerConfig"/>: the controller's replicas (one or more, in the order tried), and the private
/// CA an https:// controller is checked against (<paramref name="Authority"/>).
/// </summary>
public sealed record ControllerSourceSettings(
    IReadOnlyList<ControllerAddress> Addresses, string TokenFile, string CacheFile, TimeSpan Silence, CertificateAuthority? Authority = null)
{
    /// <summary>One replica.</summary>
    public ControllerSourceSettings(ControllerAddress address, string tokenFile, string cacheFile, TimeSpan silence, CertificateAuthority? authority = null)
        : this([address], tokenFile, cacheFile, silence, authority)
    {
    }

    /// <summary>An HttpClient for <paramref name="address"/>, trusting <see cref="Authority"/> when there is one.</summary>
    public HttpClient CreateHttpClient(ControllerAddress address) => address.CreateHttpClient(authority: Authority);
}
