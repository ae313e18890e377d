namespace Smi.Adapters.Istio.Splits;

/// <summary>How Istio treats the traffic of a Service port.</summary>
internal enum PortProtocolKind
{
    /// <summary>HTTP family (http, http2, grpc, grpc-web, h2c): <c>http</c> routes apply.</summary>
    Http = 0,

    /// <summary>Opaque TCP (tcp, tls, https, databases): <c>tcp</c> routes apply.</summary>
    OpaqueTcp = 1,

    /// <summary>No declared protocol: Istio sniffs it, so both <c>http</c> and <c>tcp</c> routes are needed.</summary>
    Unknown = 2,

    /// <summary>UDP or SCTP: sidecars do not proxy it.</summary>
    NotProxied = 3,
}
