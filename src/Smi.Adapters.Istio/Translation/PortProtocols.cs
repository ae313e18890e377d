using Smi.Abstractions.Snapshot;

namespace Smi.Adapters.Istio.Translation;

/// <summary>Istio's protocol selection for Service ports: <c>appProtocol</c> first, then the port name prefix.</summary>
internal static class PortProtocols
{
    private static readonly HashSet<string> HttpProtocols = new(StringComparer.OrdinalIgnoreCase)
    {
        "http", "http2", "grpc", "grpc-web", "h2c", "kubernetes.io/h2c", "kubernetes.io/ws",
    };

    private static readonly HashSet<string> OpaqueProtocols = new(StringComparer.OrdinalIgnoreCase)
    {
        "tcp", "tls", "https", "kubernetes.io/wss", "mongo", "mysql", "redis",
    };

    public static PortProtocolKind Classify(ServicePortInfo port)
    {
        if (!string.Equals(port.Protocol, "TCP", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(port.Protocol))
        {
            return PortProtocolKind.NotProxied;
        }

        if (!string.IsNullOrEmpty(port.AppProtocol))
        {
            return Lookup(port.AppProtocol);
        }

        if (string.IsNullOrEmpty(port.Name))
        {
            return PortProtocolKind.Unknown;
        }

        var dash = port.Name.IndexOf('-', StringComparison.Ordinal);
        var prefix = dash < 0 ? port.Name : port.Name[..dash];

        // "grpc-web" has a dash of its own.
        return port.Name.StartsWith("grpc-web", StringComparison.OrdinalIgnoreCase) ? PortProtocolKind.Http : Lookup(prefix);
    }

    private static PortProtocolKind Lookup(string protocol) =>
        HttpProtocols.Contains(protocol) ? PortProtocolKind.Http
        : OpaqueProtocols.Contains(protocol) ? PortProtocolKind.OpaqueTcp
        : PortProtocolKind.Unknown;
}
