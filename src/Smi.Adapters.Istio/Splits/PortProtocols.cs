using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;

namespace Smi.Adapters.Istio.Splits;

/// <summary>
/// Istio's protocol selection for Service ports, through the shared <see cref="PortProtocolResolver"/>
/// (https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/).
/// </summary>
internal static class PortProtocols
{
    public static PortProtocolKind Classify(ServicePortInfo port) => PortProtocolResolver.Resolve(port) switch
    {
        ServicePortProtocol.Http or ServicePortProtocol.Http2 or ServicePortProtocol.Grpc => PortProtocolKind.Http,
        ServicePortProtocol.Tcp or ServicePortProtocol.Tls => PortProtocolKind.OpaqueTcp,
        ServicePortProtocol.NotTcp => PortProtocolKind.NotProxied,
        _ => PortProtocolKind.Unknown,
    };
}
