namespace Smi.Abstractions.Translation;

/// <summary>The protocol a Service port carries, as a mesh would classify it.</summary>
public enum ServicePortProtocol
{
    /// <summary>Nothing declares it: meshes that sniff treat it as HTTP or TCP by the first bytes.</summary>
    Undeclared = 0,

    /// <summary>HTTP/1.1 (<c>http</c>, <c>kubernetes.io/http</c>, <c>kubernetes.io/ws</c>).</summary>
    Http = 1,

    /// <summary>HTTP/2 cleartext (<c>http2</c>, <c>h2c</c>, <c>kubernetes.io/h2c</c>).</summary>
    Http2 = 2,

    /// <summary>gRPC (<c>grpc</c>, <c>grpc-web</c>).</summary>
    Grpc = 3,

    /// <summary>Opaque TCP (<c>tcp</c>, databases, well-known server-first ports).</summary>
    Tcp = 4,

    /// <summary>TLS the proxy cannot read (<c>tls</c>, <c>https</c>, <c>kubernetes.io/wss</c>).</summary>
    Tls = 5,

    /// <summary>UDP or SCTP, which sidecar proxies do not carry.</summary>
    NotTcp = 6,
}
