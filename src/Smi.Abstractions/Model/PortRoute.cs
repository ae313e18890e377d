using System.Collections.Immutable;

namespace Smi.Abstractions.Model;

/// <summary>A TCPRoute or UDPRoute of any version: a set of ports.</summary>
/// <param name="Source">The route it came from.</param>
/// <param name="Protocol">TCP or UDP.</param>
/// <param name="Ports">The ports; empty means every port of the destination.</param>
public sealed record PortRoute(ResourceRef Source, PortProtocol Protocol, ImmutableArray<int> Ports)
{
    /// <summary>The route's namespace.</summary>
    public string Namespace => Source.Namespace ?? string.Empty;

    /// <summary>The route's name.</summary>
    public string Name => Source.Name;

    /// <summary>Whether the route covers every port.</summary>
    public bool AllPorts => Ports.IsDefaultOrEmpty;
}
