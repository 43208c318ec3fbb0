using System.Net;
using System.Net.Sockets;

namespace Hnv.Tests.Shared;

/// <summary>A loopback TCP port nothing listens on now (compiled into each test project that needs one).</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
