using System.Net.Sockets;
using Hnv.Client.Access;

namespace Hnv.Client;

/// <summary>
/// Where a controller listens: "http://host:port", "https://host:port", or "unix:/path/to/socket" (HTTP over a
/// Unix socket: the lab's agents reach it from their own network namespaces through the shared file system).
/// </summary>
public sealed class ControllerAddress
{
    private const string UnixScheme = "unix:";

    private ControllerAddress(Uri baseAddress, string? socketPath)
    {
        BaseAddress = baseAddress;
        SocketPath = socketPath;
    }

    /// <summary>The base URL requests are made against (http://localhost for a Unix socket).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The Unix socket's path, or null for TCP.</summary>
    public string? SocketPath { get; }

    /// <summary>Reads an address; false with a sentence when it is none of the three forms.</summary>
    public static bool TryParse(string? text, out ControllerAddress? address, out string? problem)
    {
        address = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "No controller address: give --controller, HNV_CONTROLLER or \"controller\" in the config file.";
            return false;
        }

        if (text.StartsWith(UnixScheme, StringComparison.Ordinal))
        {
            var path = text[UnixScheme.Length..];
            if (path.StartsWith("//", StringComparison.Ordinal))
            {
                path = path[2..];
            }

            if (!path.StartsWith('/'))
            {
                problem = $"The controller address {text} names no absolute socket path; write unix:/run/hnv/controller.sock.";
                return false;
            }

            address = new ControllerAddress(new Uri("http://localhost"), path);
            return true;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problem = $"The controller address {text} is not http://HOST:PORT, https://HOST:PORT or unix:/PATH.";
            return false;
        }

        address = new ControllerAddress(uri, null);
        return true;
    }

    /// <summary>Reads an address or throws <see cref="ArgumentException"/> with the reason.</summary>
    public static ControllerAddress Parse(string text) =>
        TryParse(text, out var address, out var problem) ? address! : throw new ArgumentException(problem, nameof(text));

    /// <summary>
    /// An HttpClient for this address (no timeout: watches are long; give calls their own tokens); with
    /// <paramref name="authority"/>, an https:// controller must present a certificate it issued.
    /// </summary>
    public HttpClient CreateHttpClient(Action<SocketsHttpHandler>? configure = null, CertificateAuthority? authority = null)
    {
        var handler = CreateHandler(authority);
        configure?.Invoke(handler);
        return new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The connection handler for this address (a Unix socket's connect, a private CA's trust).</summary>
    public SocketsHttpHandler CreateHandler(CertificateAuthority? authority = null)
    {
        // A replica whose machine is gone drops the SYN: give up on it in seconds, so a caller can try another.
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(5) };
        if (SocketPath is { } path)
        {
            handler.ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        authority?.TrustOnlyThis(handler);
        return handler;
    }

    /// <summary>A client of the controller at this address.</summary>
    public HnvClient CreateClient(string? token, CertificateAuthority? authority = null) => new(CreateHttpClient(authority: authority), token, ToString());

    /// <summary>True when calls go over plain http to another machine, where a token crosses the network readable.</summary>
    public bool IsPlainRemote => SocketPath is null && BaseAddress.Scheme == Uri.UriSchemeHttp && !BaseAddress.IsLoopback;

    /// <inheritdoc />
    public override string ToString() => SocketPath is { } path ? UnixScheme + path : BaseAddress.ToString();
}
