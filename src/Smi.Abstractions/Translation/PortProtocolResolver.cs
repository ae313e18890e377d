using Smi.Abstractions.Snapshot;

namespace Smi.Abstractions.Translation;

/// <summary>
/// The one place that decides what protocol a Service port carries, for every adapter. In order: the port's
/// <c>protocol</c> (UDP, SCTP); its <c>appProtocol</c>; the port-name prefix (<c>http-</c>, <c>http2-</c>,
/// <c>grpc-</c>, <c>tcp-</c>, <c>tls-</c>, <c>udp-</c>, ...); Linkerd's default opaque ports (server-first protocols
/// such as MySQL, PostgreSQL, Redis) and DNS on 53. Anything else is <see cref="ServicePortProtocol.Undeclared"/>.
/// </summary>
/// <remarks>
/// Sources: Istio protocol selection
/// (https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/),
/// Linkerd opaque ports (https://linkerd.io/2-edge/features/protocol-detection/), Consul service protocols
/// (https://developer.hashicorp.com/consul/docs/connect/config-entries/service-defaults#protocol) and the Kubernetes
/// <c>appProtocol</c> field (https://kubernetes.io/docs/concepts/services-networking/service/#application-protocol).
/// </remarks>
public static class PortProtocolResolver
{
    private static readonly Dictionary<string, ServicePortProtocol> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["http"] = ServicePortProtocol.Http,
        ["http1"] = ServicePortProtocol.Http,
        ["kubernetes.io/http"] = ServicePortProtocol.Http,
        ["kubernetes.io/ws"] = ServicePortProtocol.Http,
        ["http2"] = ServicePortProtocol.Http2,
        ["h2c"] = ServicePortProtocol.Http2,
        ["kubernetes.io/h2c"] = ServicePortProtocol.Http2,
        ["grpc"] = ServicePortProtocol.Grpc,
        ["grpc-web"] = ServicePortProtocol.Grpc,
        ["tcp"] = ServicePortProtocol.Tcp,
        ["mongo"] = ServicePortProtocol.Tcp,
        ["mysql"] = ServicePortProtocol.Tcp,
        ["redis"] = ServicePortProtocol.Tcp,
        ["tls"] = ServicePortProtocol.Tls,
        ["https"] = ServicePortProtocol.Tls,
        ["kubernetes.io/wss"] = ServicePortProtocol.Tls,
        ["udp"] = ServicePortProtocol.NotTcp,
    };

    /// <summary>
    /// Linkerd's default opaque ports: SMTP (25, 587), MySQL (3306, 4444 for Galera), PostgreSQL (5432), Redis
    /// (6379), Elasticsearch transport (9300) and Memcached (11211), server-speaks-first protocols that protocol
    /// detection would stall (https://linkerd.io/2-edge/features/protocol-detection/, "Opaque ports").
    /// </summary>
    private static readonly HashSet<int> LinkerdOpaquePorts = [25, 587, 3306, 4444, 5432, 6379, 9300, 11211];

    /// <summary>Linkerd's default opaque ports and DNS: never HTTP.</summary>
    private static readonly HashSet<int> WellKnownOpaquePorts = [.. LinkerdOpaquePorts, 53];

    /// <summary>Resolves the protocol of a Service port.</summary>
    /// <param name="port">The port.</param>
    /// <returns>The protocol.</returns>
    public static ServicePortProtocol Resolve(ServicePortInfo port)
    {
        ArgumentNullException.ThrowIfNull(port);
        var tcp = string.IsNullOrEmpty(port.Protocol)
            || string.Equals(port.Protocol, "TCP", StringComparison.OrdinalIgnoreCase);
        if (!tcp)
        {
            return ServicePortProtocol.NotTcp;
        }

        if (!string.IsNullOrEmpty(port.AppProtocol) && Names.TryGetValue(port.AppProtocol, out var declared))
        {
            return declared;
        }

        if (!string.IsNullOrEmpty(port.Name))
        {
            if (port.Name.StartsWith("grpc-web", StringComparison.OrdinalIgnoreCase))
            {
                return ServicePortProtocol.Grpc;
            }

            var dash = port.Name.IndexOf('-', StringComparison.Ordinal);
            if (Names.TryGetValue(dash < 0 ? port.Name : port.Name[..dash], out var named))
            {
                return named;
            }
        }

        if (!string.IsNullOrEmpty(port.AppProtocol))
        {
            // A declared protocol the table does not know (postgresql, amqp, ...) is not HTTP.
            return ServicePortProtocol.Tcp;
        }

        return WellKnownOpaquePorts.Contains(port.Port) ? ServicePortProtocol.Tcp : ServicePortProtocol.Undeclared;
    }

    /// <summary>
    /// Whether a port is one of Linkerd's default opaque ports (25, 587, 3306, 4444, 5432, 6379, 9300, 11211).
    /// </summary>
    /// <param name="port">The port number.</param>
    /// <returns><see langword="true"/> for a port Linkerd proxies as opaque TCP unless configured otherwise.</returns>
    public static bool IsLinkerdDefaultOpaquePort(int port) => LinkerdOpaquePorts.Contains(port);

    /// <summary>Whether HTTP routes apply to the port: declared HTTP family, or undeclared and sniffed.</summary>
    /// <param name="protocol">The resolved protocol.</param>
    /// <returns><see langword="true"/> for HTTP, HTTP/2, gRPC and undeclared ports.</returns>
    public static bool CarriesHttp(ServicePortProtocol protocol) =>
        protocol is ServicePortProtocol.Undeclared
            or ServicePortProtocol.Http
            or ServicePortProtocol.Http2
            or ServicePortProtocol.Grpc;
}
