using System.Collections.Immutable;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;

namespace Smi.Abstractions.Access;

/// <summary>Every grant to one destination identity, resolved against the destination's workloads.</summary>
/// <param name="Unit">The destination's translation unit.</param>
/// <param name="Identity">The destination identity.</param>
/// <param name="Selection">The destination's workloads and the pod labels they share.</param>
/// <param name="ServiceAccounts">The service accounts the destination stands for, as (namespace, name), sorted.</param>
/// <param name="PodSubset">
/// The IdentityBinding's pod labels when the destination is only some pods of its service accounts (the input holds
/// pods of those accounts without the labels); <see langword="null"/> when the accounts are exact.
/// </param>
/// <param name="SpiffeIdentities">The SPIFFE IDs an IdentityBinding destination adds, as written.</param>
/// <param name="ExposedTcpPorts">
/// Per workload, in workload order, the TCP container ports it exposes: those its containers declare and those the
/// non-UDP ports of the Services selecting it reach.
/// </param>
/// <param name="Grants">The grants, sorted by TrafficTarget.</param>
public sealed record ResolvedDestination(
    UnitKey Unit,
    IdentityRef Identity,
    WorkloadSelection Selection,
    ImmutableArray<(string Namespace, string Name)> ServiceAccounts,
    ImmutableSortedDictionary<string, string>? PodSubset,
    ImmutableArray<string> SpiffeIdentities,
    ImmutableArray<WorkloadPorts> ExposedTcpPorts,
    ImmutableArray<ResolvedGrant> Grants)
{
    /// <summary>Whether the destination is a pod subset smaller than its service accounts.</summary>
    public bool NarrowerThanServiceAccounts => PodSubset is not null;

    /// <summary>
    /// The TCP container ports some of the given workloads declare (a declared port without a protocol is TCP): the
    /// ports a grant that allows every port reaches.
    /// </summary>
    /// <param name="workloads">Indexes into the selection's workloads.</param>
    /// <returns>The ports, sorted and distinct.</returns>
    public ImmutableArray<int> DeclaredTcpPorts(IEnumerable<int> workloads) =>
    [
        .. workloads.SelectMany(i => Selection.Workloads[i].ContainerPorts)
            .Where(p => string.IsNullOrEmpty(p.Protocol)
                || string.Equals(p.Protocol, "TCP", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Port).Distinct().Order(),
    ];

    /// <summary>Whether any grant allows the destination's workloads different ports.</summary>
    public bool PortsDifferByWorkload => Grants.Any(g => g.PortsDifferByWorkload);
}
