using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;

namespace Smi.Adapters.GatewayApi.Splits;

/// <summary>
/// Tells opaque TCP Service ports from HTTP ones through the shared <see cref="PortProtocolResolver"/>
/// (<c>appProtocol</c>, the port name prefix, well-known server-first ports). Ports that declare nothing are treated
/// as HTTP, which meshes detect.
/// </summary>
internal static class PortProtocols
{
    /// <summary>Whether the port is UDP or SCTP.</summary>
    /// <param name="port">The port.</param>
    /// <returns><see langword="true"/> for a non-TCP port.</returns>
    public static bool IsNotTcp(ServicePortInfo port) =>
        !string.IsNullOrEmpty(port.Protocol)
        && !string.Equals(port.Protocol, "TCP", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the port carries an opaque (non-HTTP) TCP protocol.</summary>
    /// <param name="port">The port.</param>
    /// <returns><see langword="true"/> when HTTP routes cannot apply.</returns>
    public static bool IsOpaqueTcp(ServicePortInfo port) =>
        PortProtocolResolver.Resolve(port) is ServicePortProtocol.Tcp or ServicePortProtocol.Tls;
}
