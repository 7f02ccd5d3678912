using System.Net;
using System.Net.Sockets;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>Ports on 127.0.0.1 for the processes tests start (Azurite, maildev, the local host), and whether one answers yet.</summary>
public static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<bool> ListensAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException) { return false; }
    }
}
