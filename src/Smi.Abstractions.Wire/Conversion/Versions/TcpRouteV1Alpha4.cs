using Smi.Abstractions.Model;
using Smi.Abstractions.Resources.Specs.V1Alpha4;

namespace Smi.Abstractions.Conversion.Versions;

/// <summary>specs.smi-spec.io/v1alpha4 TCPRoute to and from <see cref="PortRoute"/>.</summary>
public sealed class TcpRouteV1Alpha4() : SmiVersion<TCPRoute, PortRoute>(
    TCPRoute.KubeGroup, TCPRoute.KubeApiVersion, TCPRoute.KubeKind, TCPRoute.KubePluralName)
{
    /// <inheritdoc/>
    protected override PortRoute ToHub(TCPRoute resource, ConversionContext context) =>
        new(RefOf(resource), PortProtocol.Tcp, [.. resource.Spec.Matches?.Ports ?? []]);

    /// <inheritdoc/>
    protected override TCPRoute FromHub(PortRoute hub, ConversionContext context) => new()
    {
        Spec = new TcpRouteSpec { Matches = new PortMatch { Ports = [.. hub.Ports.IsDefault ? [] : hub.Ports] } },
    };
}
