using System.Collections.Immutable;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;

namespace Smi.Abstractions.Access;

/// <summary>
/// The access model every mesh adapter renders, computed once from a snapshot: per destination identity its
/// workloads, per grant the sources as identities, the port and HTTP rules, and the container ports allowed on each
/// workload. Ports are resolved per workload, so a named <c>targetPort</c> means on each workload what that
/// workload's containers call it. Adapters render this model and do not resolve ports or identities themselves.
/// </summary>
public sealed class ResolvedAccess
{
    private readonly ImmutableDictionary<UnitKey, ResolvedDestination> _byUnit;

    private ResolvedAccess(ImmutableArray<ResolvedDestination> destinations)
    {
        Destinations = destinations;
        _byUnit = destinations.ToImmutableDictionary(d => d.Unit);
    }

    /// <summary>Every destination with at least one grant, sorted by unit.</summary>
    public ImmutableArray<ResolvedDestination> Destinations { get; }

    /// <summary>Finds the destination of a unit.</summary>
    /// <param name="unit">The destination unit.</param>
    /// <returns>The destination, or <see langword="null"/>.</returns>
    public ResolvedDestination? Find(UnitKey unit) => _byUnit.GetValueOrDefault(unit);

    /// <summary>Resolves every TrafficTarget of a snapshot.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <returns>The model.</returns>
    public static ResolvedAccess Resolve(MeshSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var destinations = snapshot.AccessGrants
            .GroupBy(g => UnitKey.ForDestination(g.Destination))
            .OrderBy(g => g.Key)
            .Select(g => ResolveDestination(snapshot, g.Key, [.. g.OrderBy(x => x.Source)]));
        return new ResolvedAccess([.. destinations]);
    }

    private static ResolvedDestination ResolveDestination(MeshSnapshot snapshot, UnitKey unit, List<AccessGrant> grants)
    {
        var identity = grants[0].Destination;
        var selection = snapshot.SelectWorkloads(identity);
        var resolved = grants.Select(g => ResolveGrant(snapshot, g, selection.Workloads));
        return new ResolvedDestination(
            unit,
            identity,
            selection,
            snapshot.ServiceAccountsOf(identity),
            PodSubsetOf(snapshot, identity),
            snapshot.SpiffeIdentitiesOf(identity),
            [.. selection.Workloads.Select(w => new WorkloadPorts(w, false, ExposedTcpPorts(snapshot, w)))],
            [.. resolved]);
    }

    private static ImmutableArray<int> ExposedTcpPorts(MeshSnapshot snapshot, WorkloadInfo workload)
    {
        var declared = workload.ContainerPorts
            .Where(p => string.Equals(p.Protocol, "TCP", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Port);
        var viaServices = snapshot.ServicesSelecting(workload)
            .SelectMany(s => s.Ports)
            .Where(p => !string.Equals(p.Protocol, "UDP", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Port);
        return [.. declared.Concat(Resolve(snapshot, workload, viaServices)).Distinct().Order()];
    }

    private static ResolvedGrant ResolveGrant(
        MeshSnapshot snapshot, AccessGrant grant, ImmutableArray<WorkloadInfo> workloads)
    {
        var sources = grant.Sources.Select((s, i) => new ResolvedSource(
            i, s, snapshot.ServiceAccountsOf(s), snapshot.SpiffeIdentitiesOf(s), PodSubsetOf(snapshot, s)));
        var portRules = new List<ResolvedPortRule>();
        var httpRules = new List<ResolvedHttpRule>();
        for (var i = 0; i < grant.Rules.Length; i++)
        {
            var rule = grant.Rules[i];
            if (rule.Kind == AccessRuleKind.HttpRouteGroup)
            {
                var group = snapshot.FindRouteGroup(grant.Namespace, rule.Name);
                var matches = group is null ? [] : rule.Matches.IsDefaultOrEmpty
                    ? group.Matches
                    : [.. rule.Matches.Select(group.FindMatch).OfType<RouteMatch>()];
                httpRules.Add(new ResolvedHttpRule(i, rule, group, matches));
                continue;
            }

            var protocol = rule.Kind == AccessRuleKind.UdpRoute ? PortProtocol.Udp : PortProtocol.Tcp;
            var route = snapshot.FindPortRoute(protocol, grant.Namespace, rule.Name);
            var ports = workloads.Select(w => route is null || route.AllPorts
                ? new WorkloadPorts(w, route is not null, [])
                : new WorkloadPorts(w, false, Resolve(snapshot, w, route.Ports)));
            portRules.Add(new ResolvedPortRule(i, rule, route, [.. ports]));
        }

        var tcpRules = portRules.Where(r => !r.IsUdp).ToList();
        var everyTcpPort = tcpRules.Count == 0 || tcpRules.Any(r => r.AllPorts);
        var allowed = new List<WorkloadPorts>();
        for (var w = 0; w < workloads.Length; w++)
        {
            var workload = workloads[w];
            SortedSet<int>? set = everyTcpPort ? null : [.. tcpRules.SelectMany(r => r.Ports[w].Ports)];
            if (grant.DestinationPort is int destinationPort)
            {
                var onPort = Resolve(snapshot, workload, [destinationPort]);
                set = set is null ? [.. onPort] : [.. set.Intersect(onPort)];
            }

            allowed.Add(new WorkloadPorts(workload, set is null, set is null ? [] : [.. set]));
        }

        return new ResolvedGrant(grant, [.. sources], [.. portRules], [.. httpRules], [.. allowed]);
    }

    /// <summary>The container ports of one workload that ports as SMI users write them reach.</summary>
    private static ImmutableArray<int> Resolve(MeshSnapshot snapshot, WorkloadInfo workload, IEnumerable<int> ports) =>
        [.. ports.SelectMany(p => snapshot.ResolveContainerPorts([workload], p)).Distinct().Order()];

    /// <summary>
    /// The pod labels of an IdentityBinding when they stand for fewer pods than the service accounts the binding
    /// resolves to: a workload of one of those accounts that the binding does not cover is in the input.
    /// </summary>
    private static ImmutableSortedDictionary<string, string>? PodSubsetOf(MeshSnapshot snapshot, IdentityRef identity)
    {
        if (identity.Kind != IdentityKind.IdentityBinding
            || snapshot.FindIdentityBinding(identity.Namespace, identity.Name)
                is not { PodLabels: { Count: > 0 } labels } binding)
        {
            return null;
        }

        var accounts = snapshot.ServiceAccountsOf(identity).Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var wider = snapshot.WorkloadsIn(binding.Namespace).Any(w =>
            accounts.Contains(w.ServiceAccount)
            && !string.Equals(w.ServiceAccount, binding.ServiceAccount, StringComparison.Ordinal)
            && !MeshSnapshot.LabelsMatch(labels, w.PodLabels));
        return wider ? labels : null;
    }
}
