using System.Collections.Immutable;

namespace Smi.Abstractions.Model;

/// <summary>
/// A TrafficSplit of any version, normalized: traffic for <see cref="RootService"/> goes to <see cref="Backends"/> in
/// proportion to their weights; with <see cref="RouteGroups"/>, only requests that match one of those groups are split
/// and the rest keep going to the root service.
/// </summary>
/// <param name="Source">The TrafficSplit it came from.</param>
/// <param name="RootService">The apex service clients call, a Service name in the split's namespace.</param>
/// <param name="Backends">The backends with their relative weights, in input order.</param>
/// <param name="RouteGroups">The HTTPRouteGroups (split v1alpha3+ <c>matches</c>) that select the split traffic; empty
/// for a plain split.</param>
public sealed record SplitRule(
    ResourceRef Source,
    string RootService,
    ImmutableArray<SplitBackend> Backends,
    ImmutableArray<RouteGroupRef> RouteGroups)
{
    /// <summary>The namespace of the split, its root and its backends.</summary>
    public string Namespace => Source.Namespace ?? string.Empty;

    /// <summary>Whether only matching requests are split (A/B) rather than all of them.</summary>
    public bool HasMatches => !RouteGroups.IsDefaultOrEmpty;
}
