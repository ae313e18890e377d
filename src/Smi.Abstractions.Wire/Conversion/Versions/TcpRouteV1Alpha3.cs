using Smi.Abstractions.Model;
using Smi.Abstractions.Resources.Specs.V1Alpha3;
using Next = Smi.Abstractions.Resources.Specs.V1Alpha4;

namespace Smi.Abstractions.Conversion.Versions;

/// <summary>
/// specs.smi-spec.io/v1alpha3 TCPRoute (an empty spec) to and from <see cref="PortRoute"/> with no ports, that is every
/// port, through v1alpha4, whose shape it has without the port list.
/// </summary>
public sealed class TcpRouteV1Alpha3() : SmiVersion<TCPRoute, PortRoute>(
    TCPRoute.KubeGroup, TCPRoute.KubeApiVersion, TCPRoute.KubeKind, TCPRoute.KubePluralName)
{
    /// <inheritdoc/>
    protected override PortRoute ToHub(TCPRoute resource, ConversionContext context) =>
        TcpRouteV1Alpha4.ToHub(new Next.TcpRouteSpec(), RefOf(resource));

    /// <inheritdoc/>
    protected override TCPRoute FromHub(PortRoute hub, ConversionContext context)
    {
        _ = TcpRouteV1Alpha4.FromHub(hub, allowPorts: false, ApiVersion, context);
        return new() { Spec = new TcpRouteSpec() };
    }
}
