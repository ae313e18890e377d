using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;

namespace Smi.Adapters.Consul.Services;

/// <summary>Derives the Consul protocol of a service from its Kubernetes Service.</summary>
internal static class ServiceProtocols
{
    public const string Http = "http";
    public const string Http2 = "http2";
    public const string Grpc = "grpc";
    public const string Tcp = "tcp";
    public const string Udp = "udp";

    /// <summary>
    /// The protocol of the whole service (Consul has one per service), from every port through
    /// <see cref="PortProtocolResolver"/>: <c>udp</c> when no port carries TCP; <c>tcp</c> when any TCP port is
    /// declared or known as non-HTTP (a <c>tcp-</c> name, <c>appProtocol: tls</c>, Redis on 6379, ...), since an HTTP
    /// protocol would run those bytes through the HTTP codec; else the one declared HTTP-family protocol (<c>http2</c>
    /// for gRPC and HTTP/2 ports together), or <c>mixed (grpc, http)</c> when HTTP/1 and HTTP/2 ports meet, which no
    /// single Consul protocol serves; else
    /// <c>http</c>, which SMI splits and HTTP routes assume (undeclared ports do not vote). A Service missing from the
    /// input counts as <c>http</c>.
    /// </summary>
    /// <param name="service">The Service, or <see langword="null"/>.</param>
    /// <returns>The protocol.</returns>
    public static string Of(ServiceInfo? service) =>
        service is null || service.Ports.IsDefaultOrEmpty ? Http : OfPorts(service.Ports);

    /// <summary>
    /// The protocol of a Consul service whose pods these Services select: the ports of all of them together, by the
    /// rules of <see cref="Of(ServiceInfo?)"/>.
    /// </summary>
    /// <param name="services">The Services, at least one.</param>
    /// <returns>The protocol.</returns>
    public static string Of(IReadOnlyCollection<ServiceInfo> services)
    {
        var ports = services.Where(s => !s.Ports.IsDefaultOrEmpty).SelectMany(s => s.Ports).ToList();
        return ports.Count == 0 ? Http : OfPorts(ports);
    }

    private static string OfPorts(IEnumerable<ServicePortInfo> ports)
    {
        var protocols = ports
            .Select(PortProtocolResolver.Resolve)
            .Where(p => p != ServicePortProtocol.NotTcp)
            .ToList();
        if (protocols.Count == 0)
        {
            return Udp;
        }

        if (protocols.Any(p => !PortProtocolResolver.CarriesHttp(p)))
        {
            return Tcp;
        }

        var declared = protocols
            .Where(p => p != ServicePortProtocol.Undeclared)
            .Select(Name)
            .Distinct()
            .Order()
            .ToList();
        return declared switch
        {
            [] => Http,
            [var one] => one,
            [Grpc, Http2] => Http2, // gRPC runs over HTTP/2, which Consul's http2 protocol carries
            _ => $"mixed ({string.Join(", ", declared)})",
        };
    }

    private static string Name(ServicePortProtocol protocol) => protocol switch
    {
        ServicePortProtocol.Http2 => Http2,
        ServicePortProtocol.Grpc => Grpc,
        _ => Http,
    };

    /// <summary>Whether splitters, routers and L7 intentions work with the protocol.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <returns><see langword="true"/> for http, http2 and grpc.</returns>
    public static bool IsHttpFamily(string protocol) => protocol is Http or Http2 or Grpc;
}
