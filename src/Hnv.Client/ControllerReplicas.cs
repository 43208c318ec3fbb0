using Hnv.Client.Access;

namespace Hnv.Client;

/// <summary>
/// A client of a controller with several replicas (PostgreSQL-backed controllers serve at once): each call goes to
/// the replica that last answered, and one that cannot be connected to passes the call to the next. Only a failed
/// connection moves a call on, so a write is never sent twice.
/// </summary>
public static class ControllerReplicas
{
    /// <summary>A client over <paramref name="addresses"/>, in the order tried.</summary>
    public static HnvClient CreateClient(IReadOnlyList<ControllerAddress> addresses, string? token, CertificateAuthority? authority = null)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        if (addresses.Count == 1)
        {
            return addresses[0].CreateClient(token, authority);
        }

        var handler = new FailoverHandler([.. addresses.Select(a => (a, new HttpMessageInvoker(a.CreateHandler(authority))))]);
        var http = new HttpClient(handler) { BaseAddress = addresses[0].BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        return new HnvClient(http, token, string.Join(", ", addresses));
    }

    /// <summary>Sends each request through one replica's client, moving to the next when the connection fails.</summary>
    private sealed class FailoverHandler((ControllerAddress Address, HttpMessageInvoker Invoker)[] replicas) : HttpMessageHandler
    {
        private int _current;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.PathAndQuery;
            var first = Volatile.Read(ref _current);
            for (var tried = 0; ; tried++)
            {
                var index = (first + tried) % replicas.Length;
                var (address, invoker) = replicas[index];
                request.RequestUri = new Uri(address.BaseAddress, path);
                try
                {
                    var response = await invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
                    Volatile.Write(ref _current, index);
                    return response;
                }
                catch (Exception e) when (tried + 1 < replicas.Length && NotConnected(e, cancellationToken))
                {
                    // Nothing was sent: the next replica gets the same request.
                }
            }
        }

        /// <summary>The connection failed or timed out (ConnectTimeout), so the request never left.</summary>
        private static bool NotConnected(Exception e, CancellationToken cancellationToken) =>
            e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }
            || (e is OperationCanceledException { InnerException: TimeoutException } && !cancellationToken.IsCancellationRequested);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                foreach (var (_, invoker) in replicas)
                {
                    invoker.Dispose();
                }
            }

            base.Dispose(disposing);
        }
    }
}
