using System.Net;

namespace Hnv.Controller.Configuration;

/// <summary>One --listen: TCP (http or https) on an IP and port, or HTTP on a Unix socket.</summary>
internal sealed record ListenAddress(string Text, IPEndPoint? EndPoint, bool Https, string? SocketPath)
{
    public static bool TryParse(string text, out ListenAddress? address, out string? problem)
    {
        address = null;
        problem = null;
        if (text.StartsWith("unix:", StringComparison.Ordinal))
        {
            var path = text[5..];
            if (!path.StartsWith('/'))
            {
                problem = $"--listen {text}: a Unix socket needs an absolute path, such as unix:/run/hnv/controller.sock.";
                return false;
            }

            address = new ListenAddress(text, null, false, path);
            return true;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/"
            || !IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip))
        {
            problem = $"--listen {text}: expected http://IP:PORT, https://IP:PORT (an IP address, not a name) or unix:/PATH.";
            return false;
        }

        address = new ListenAddress(text, new IPEndPoint(ip, uri.Port), uri.Scheme == "https", null);
        return true;
    }
}
