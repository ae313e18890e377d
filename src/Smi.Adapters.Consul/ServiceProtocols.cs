using Smi.Abstractions.Snapshot;

namespace Smi.Adapters.Consul;

/// <summary>Derives the Consul protocol of a service from its Kubernetes Service.</summary>
internal static class ServiceProtocols
{
    public const string Http = "http";
    public const string Http2 = "http2";
    public const string Grpc = "grpc";
    public const string Tcp = "tcp";
    public const string Udp = "udp";

    /// <summary>
    /// The protocol: <c>udp</c> when every port is UDP; else the first port's <c>appProtocol</c> (<c>http</c>,
    /// <c>http2</c>/<c>kubernetes.io/h2c</c>, <c>grpc</c>; anything else is <c>tcp</c>); else <c>http</c>, which SMI
    /// splits and HTTP routes assume. A Service missing from the input counts as <c>http</c>.
    /// </summary>
    /// <param name="service">The Service, or <see langword="null"/>.</param>
    /// <returns>The protocol.</returns>
    public static string Of(ServiceInfo? service)
    {
        if (service is null || service.Ports.IsDefaultOrEmpty)
        {
            return Http;
        }

        if (service.Ports.All(p => string.Equals(p.Protocol, "UDP", StringComparison.OrdinalIgnoreCase)))
        {
            return Udp;
        }

        var declared = service.Ports.Select(p => p.AppProtocol).FirstOrDefault(a => !string.IsNullOrEmpty(a));
        return declared switch
        {
            null => Http,
            _ when Is(declared, "http") || Is(declared, "http1") || Is(declared, "kubernetes.io/http") => Http,
            _ when Is(declared, "http2") || Is(declared, "kubernetes.io/h2c") => Http2,
            _ when Is(declared, "grpc") => Grpc,
            _ => Tcp,
        };
    }

    /// <summary>Whether splitters, routers and L7 intentions work with the protocol.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <returns><see langword="true"/> for http, http2 and grpc.</returns>
    public static bool IsHttpFamily(string protocol) => protocol is Http or Http2 or Grpc;

    private static bool Is(string value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);
}
