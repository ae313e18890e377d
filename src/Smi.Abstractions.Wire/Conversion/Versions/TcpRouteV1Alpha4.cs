using Smi.Abstractions.Model;
using Smi.Abstractions.Resources.Specs.V1Alpha4;

namespace Smi.Abstractions.Conversion.Versions;

/// <summary>
/// specs.smi-spec.io/v1alpha4 TCPRoute to and from <see cref="PortRoute"/>. v1alpha1 to v1alpha3 have no port list
/// (every port) and convert through it.
/// </summary>
public sealed class TcpRouteV1Alpha4() : SmiVersion<TCPRoute, PortRoute>(
    TCPRoute.KubeGroup, TCPRoute.KubeApiVersion, TCPRoute.KubeKind, TCPRoute.KubePluralName)
{
    /// <inheritdoc/>
    protected override PortRoute ToHub(TCPRoute resource, ConversionContext context) =>
        ToHub(resource.Spec, RefOf(resource));

    /// <inheritdoc/>
    protected override TCPRoute FromHub(PortRoute hub, ConversionContext context) =>
        new() { Spec = FromHub(hub, allowPorts: true, ApiVersion, context) };

    /// <summary>Reads a spec of this shape.</summary>
    internal static PortRoute ToHub(TcpRouteSpec spec, ResourceRef source) =>
        new(source, PortProtocol.Tcp, [.. spec.Matches?.Ports ?? []]);

    /// <summary>
    /// Writes a spec of this shape, in <paramref name="apiVersion"/>; without <paramref name="allowPorts"/> a port list
    /// is reported lost and the route covers every port.
    /// </summary>
    internal static TcpRouteSpec FromHub(
        PortRoute hub, bool allowPorts, string apiVersion, ConversionContext context)
    {
        if (allowPorts)
        {
            return new TcpRouteSpec { Matches = new PortMatch { Ports = [.. hub.Ports.IsDefault ? [] : hub.Ports] } };
        }

        if (!hub.AllPorts)
        {
            context.ReportLossy(
                "spec.matches.ports",
                apiVersion,
                $"the port list ({string.Join(", ", hub.Ports)}), so the route covers every port");
        }

        return new TcpRouteSpec();
    }
}
