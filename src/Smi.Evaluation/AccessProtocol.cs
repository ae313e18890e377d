namespace Smi.Evaluation;

/// <summary>How a request reaches the destination port.</summary>
public enum AccessProtocol
{
    /// <summary>An HTTP request: method, path and headers are known.</summary>
    Http = 0,

    /// <summary>A TCP connection the mesh does not read as HTTP.</summary>
    Tcp = 1,

    /// <summary>UDP datagrams.</summary>
    Udp = 2,
}
