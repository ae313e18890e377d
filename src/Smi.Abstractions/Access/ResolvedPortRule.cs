using System.Collections.Immutable;
using Smi.Abstractions.Model;

namespace Smi.Abstractions.Access;

/// <summary>
/// A TCPRoute or UDPRoute rule of a grant, its ports resolved per destination workload: a Service port to its
/// <c>targetPort</c>, a named <c>targetPort</c> against that workload's containers, a port no Service exposes taken
/// as a container port.
/// </summary>
/// <param name="Index">The rule's index in the TrafficTarget's rules.</param>
/// <param name="Rule">The rule.</param>
/// <param name="Route">The referenced route, or <see langword="null"/> when it is not in the input.</param>
/// <param name="Ports">The container ports per destination workload, in workload order.</param>
public sealed record ResolvedPortRule(int Index, AccessRule Rule, PortRoute? Route, ImmutableArray<WorkloadPorts> Ports)
{
    /// <summary>Whether the rule is a UDPRoute.</summary>
    public bool IsUdp => Rule.Kind == AccessRuleKind.UdpRoute;

    /// <summary>Whether the route lists no port, which means every port.</summary>
    public bool AllPorts => Route is { AllPorts: true };

    /// <summary>
    /// Whether the rule names no port at all: the route is missing, or none of its ports resolves to a container port
    /// of any destination workload. Such a rule allows nothing.
    /// </summary>
    public bool ResolvesToNoPort => Route is null || (!Route.AllPorts && Ports.All(p => p.Ports.IsDefaultOrEmpty));
}
