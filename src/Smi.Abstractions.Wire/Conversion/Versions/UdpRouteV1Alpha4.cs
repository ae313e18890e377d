using Smi.Abstractions.Model;
using Smi.Abstractions.Resources.Specs.V1Alpha4;

namespace Smi.Abstractions.Conversion.Versions;

/// <summary>specs.smi-spec.io/v1alpha4 UDPRoute to and from <see cref="PortRoute"/>.</summary>
public sealed class UdpRouteV1Alpha4() : SmiVersion<UDPRoute, PortRoute>(
    UDPRoute.KubeGroup, UDPRoute.KubeApiVersion, UDPRoute.KubeKind, UDPRoute.KubePluralName)
{
    /// <inheritdoc/>
    protected override PortRoute ToHub(UDPRoute resource, ConversionContext context) =>
        new(RefOf(resource), PortProtocol.Udp, [.. resource.Spec.Matches?.Ports ?? []]);

    /// <inheritdoc/>
    protected override UDPRoute FromHub(PortRoute hub, ConversionContext context) => new()
    {
        Spec = new UdpRouteSpec { Matches = new PortMatch { Ports = [.. hub.Ports.IsDefault ? [] : hub.Ports] } },
    };
}
