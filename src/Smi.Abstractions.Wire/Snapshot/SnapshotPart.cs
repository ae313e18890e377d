using System.Collections.Immutable;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;

namespace Smi.Abstractions.Snapshot;

/// <summary>
/// What a snapshot of the whole fleet holds of one namespace's objects (<see cref="KeptFleetSnapshot"/>): each kind as
/// converted and as validation kept it, in a builder's order, the diagnostics about them, and the other namespaces its
/// TrafficTargets name, valid or not, whose changes can change its validation.
/// </summary>
internal sealed record SnapshotPart(
    ImmutableArray<SplitRule> Splits,
    ImmutableArray<AccessGrant> AccessGrants,
    ImmutableArray<RouteGroup> RouteGroups,
    ImmutableArray<PortRoute> PortRoutes,
    ImmutableArray<IdentityBindingRule> IdentityBindings,
    ImmutableArray<ServiceInfo> Services,
    ImmutableArray<WorkloadInfo> Workloads,
    ImmutableArray<NamespaceInfo> Namespaces,
    ImmutableArray<SplitRule> ValidSplits,
    ImmutableArray<AccessGrant> ValidAccessGrants,
    ImmutableArray<RouteGroup> ValidRouteGroups,
    ImmutableArray<PortRoute> ValidPortRoutes,
    ImmutableArray<IdentityBindingRule> ValidIdentityBindings,
    ImmutableArray<Diagnostic> Diagnostics,
    ImmutableHashSet<string> Names);
