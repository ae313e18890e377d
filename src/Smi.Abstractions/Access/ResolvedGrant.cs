using System.Collections.Immutable;
using Smi.Abstractions.Model;

namespace Smi.Abstractions.Access;

/// <summary>
/// One TrafficTarget resolved against its destination's workloads: the sources as identities, the port and HTTP
/// rules, and per workload the container ports the grant allows (port rules and the access v1alpha1/v1alpha2
/// <c>destination.port</c> applied together).
/// </summary>
/// <param name="Grant">The TrafficTarget in hub form.</param>
/// <param name="Sources">The sources, in input order.</param>
/// <param name="PortRules">The TCPRoute and UDPRoute rules, in input order.</param>
/// <param name="HttpRules">The HTTPRouteGroup rules, in input order.</param>
/// <param name="Ports">The allowed container ports per destination workload, in workload order.</param>
public sealed record ResolvedGrant(
    AccessGrant Grant,
    ImmutableArray<ResolvedSource> Sources,
    ImmutableArray<ResolvedPortRule> PortRules,
    ImmutableArray<ResolvedHttpRule> HttpRules,
    ImmutableArray<WorkloadPorts> Ports)
{
    /// <summary>Whether the grant has a TCPRoute rule.</summary>
    public bool HasTcpRule => PortRules.Any(r => !r.IsUdp);

    /// <summary>Whether the grant has a UDPRoute rule.</summary>
    public bool HasUdpRule => PortRules.Any(r => r.IsUdp);

    /// <summary>Whether the grant has an HTTPRouteGroup rule; then only the rules' matches are allowed.</summary>
    public bool HasHttpRule => !HttpRules.IsDefaultOrEmpty;

    /// <summary>
    /// Whether the rules leave every TCP port open: no TCPRoute rule, or one whose route lists no port.
    /// </summary>
    public bool EveryTcpPortByRules => !HasTcpRule || PortRules.Any(r => !r.IsUdp && r.AllPorts);

    /// <summary>Whether neither the rules nor <c>destination.port</c> narrow the ports.</summary>
    public bool EveryPort => EveryTcpPortByRules && Grant.DestinationPort is null;

    /// <summary>The container ports allowed on any destination workload, sorted and distinct.</summary>
    public ImmutableArray<int> PortsOnAnyWorkload => [.. Ports.SelectMany(p => p.Ports).Distinct().Order()];

    /// <summary>
    /// Whether the destination's workloads are allowed different ports (a named <c>targetPort</c> resolves to
    /// different numbers, or a Service covers only some of them); then one policy for all of them would allow each
    /// workload the others' ports too.
    /// </summary>
    public bool PortsDifferByWorkload => Ports.Skip(1).Any(p => !p.SamePortsAs(Ports[0]));

    /// <summary>The path of the rules field: <c>specs</c> in access v1alpha1, <c>spec.rules</c> later.</summary>
    public string RulesField => SpecPath(Grant.Source.Version == "v1alpha1" ? "specs" : "rules");

    /// <summary>A field path in the TrafficTarget; access v1alpha1 has no <c>spec</c> wrapper.</summary>
    /// <param name="field">The field below <c>spec</c>.</param>
    /// <returns>The path.</returns>
    public string SpecPath(string field) => Grant.Source.Version == "v1alpha1" ? field : $"spec.{field}";

    /// <summary>The sources that stand for fewer pods than their service accounts.</summary>
    public IEnumerable<ResolvedSource> PodSubsetSources => Sources.Where(s => s.NarrowerThanServiceAccounts);
}
