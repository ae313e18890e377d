using Smi.Abstractions.Model;
using Smi.Abstractions.Resources.Specs.V1Alpha3;

namespace Smi.Abstractions.Conversion.Versions;

/// <summary>
/// specs.smi-spec.io/v1alpha3 TCPRoute (an empty spec) to and from <see cref="PortRoute"/> with no ports, that is every
/// port.
/// </summary>
public sealed class TcpRouteV1Alpha3() : SmiVersion<TCPRoute, PortRoute>(
    TCPRoute.KubeGroup, TCPRoute.KubeApiVersion, TCPRoute.KubeKind, TCPRoute.KubePluralName)
{
    /// <inheritdoc/>
    protected override PortRoute ToHub(TCPRoute resource, ConversionContext context) =>
        new(RefOf(resource), PortProtocol.Tcp, []);

    /// <inheritdoc/>
    protected override TCPRoute FromHub(PortRoute hub, ConversionContext context)
    {
        if (!hub.AllPorts)
        {
            context.ReportLossy(
                "spec.matches.ports",
                ApiVersion,
                $"the port list ({string.Join(", ", hub.Ports)}), so the route covers every port");
        }

        return new() { Spec = new TcpRouteSpec() };
    }
}
