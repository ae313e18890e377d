using Smi.Abstractions.Snapshot;

namespace Smi.Adapters.GatewayApi;

/// <summary>
/// Tells opaque TCP Service ports from HTTP ones the way meshes do: <c>appProtocol</c> first, then the port name
/// prefix (<c>tcp-db</c>, <c>redis</c>). Ports that declare neither are treated as HTTP, which meshes detect.
/// </summary>
internal static class PortProtocols
{
    private static readonly HashSet<string> OpaqueProtocols = new(StringComparer.OrdinalIgnoreCase)
    {
        "tcp", "tls", "https", "kubernetes.io/wss", "mongo", "mysql", "redis",
    };

    /// <summary>Whether the port is UDP or SCTP.</summary>
    /// <param name="port">The port.</param>
    /// <returns><see langword="true"/> for a non-TCP port.</returns>
    public static bool IsNotTcp(ServicePortInfo port) =>
        !string.IsNullOrEmpty(port.Protocol) && !string.Equals(port.Protocol, "TCP", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the port declares an opaque (non-HTTP) TCP protocol.</summary>
    /// <param name="port">The port.</param>
    /// <returns><see langword="true"/> when HTTP routes cannot apply.</returns>
    public static bool IsOpaqueTcp(ServicePortInfo port)
    {
        if (!string.IsNullOrEmpty(port.AppProtocol))
        {
            return OpaqueProtocols.Contains(port.AppProtocol);
        }

        if (string.IsNullOrEmpty(port.Name))
        {
            return false;
        }

        var dash = port.Name.IndexOf('-', StringComparison.Ordinal);
        return OpaqueProtocols.Contains(dash < 0 ? port.Name : port.Name[..dash]);
    }
}
