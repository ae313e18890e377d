namespace Smi.Abstractions.Model;

/// <summary>The traffic spec kind an <see cref="AccessRule"/> refers to.</summary>
public enum AccessRuleKind
{
    /// <summary>An HTTPRouteGroup (paths, methods, headers).</summary>
    HttpRouteGroup = 0,

    /// <summary>A TCPRoute (ports).</summary>
    TcpRoute = 1,

    /// <summary>A UDPRoute (ports).</summary>
    UdpRoute = 2,
}
