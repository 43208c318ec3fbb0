using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Hnv.Lab.Processes;

namespace Hnv.Lab.Fabric;

public partial class LabBuilder
{
    /// <summary>
    /// Makes the controller's topology page reachable from this machine's browser: the controller listens on a socket
    /// inside the lab, so socat forwards a free local port to it (the page is http://127.0.0.1:PORT/ui).
    /// </summary>
    private void StartPage()
    {
        var controller = _state.Controller!;
        var port = FreeLocalPort();
        var pid = LabProcess.StartHere(["socat"],
            [$"TCP-LISTEN:{port.ToString(CultureInfo.InvariantCulture)},bind=127.0.0.1,reuseaddr,fork", "UNIX-CONNECT:" + _paths.ControllerSocket], _paths.PageLog);
        controller.Page = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/ui";
        controller.PagePid = pid;
        Save();
        if (!WaitFor(() => Listening(port), () => LabProcess.IsRunning(pid) ? null : "socat exited.", out var failure))
        {
            throw new LabException($"The topology page's proxy did not listen on port {port}: {failure ?? "timed out"}\n{LabProcess.Tail(_paths.PageLog)}");
        }
    }

    private static int FreeLocalPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
