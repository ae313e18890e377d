using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;

namespace Smi.Evaluation;

/// <summary>
/// What the SMI TrafficSplits of a root ask for (smi-spec <c>traffic-split</c> v1alpha4 "Specification" and the
/// A/B example): a request that matches a route group of an A/B split goes to that split's backends by weight; other
/// requests follow the split without matches, or stay on the root Service. A route group match holds when its path
/// regex matches the path from its start, its methods include the request's (or <c>*</c>), and every header regex
/// matches the whole header value. Backends whose Service lacks the request's port take no part (v1alpha4 "Ports").
/// </summary>
public static class SmiSplitEvaluator
{
    /// <summary>The share each backend should get of a request to a root Service.</summary>
    /// <param name="snapshot">The SMI objects and Services.</param>
    /// <param name="ns">The namespace of the root Service.</param>
    /// <param name="rootService">The root Service name.</param>
    /// <param name="request">The request.</param>
    /// <returns>The distribution.</returns>
    public static TrafficDistribution Evaluate(
        MeshSnapshot snapshot, string ns, string rootService, MeshRequest request)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(request);
        var splits = snapshot.Splits
            .Where(s => s.Namespace == ns && s.RootService == rootService)
            .OrderBy(s => s.Source)
            .ToList();
        var chosen = splits.FirstOrDefault(s => s.HasMatches && MatchesAny(snapshot, s, request))
            ?? splits.FirstOrDefault(s => !s.HasMatches);
        if (chosen is null)
        {
            return TrafficDistribution.All(rootService);
        }

        return TrafficDistribution.FromWeights(chosen.Backends
            .Where(b => snapshot.FindService(ns, b.Service) is not { } service
                || service.Ports.Any(p => p.Port == request.Port))
            .Select(b => (b.Service, b.Weight)));
    }

    /// <summary>Whether one SMI route group match accepts a request.</summary>
    /// <param name="match">The match.</param>
    /// <param name="request">The request.</param>
    /// <returns><see langword="true"/> when every condition holds.</returns>
    public static bool Matches(RouteMatch match, MeshRequest request)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(request);
        return (match.AnyPath || FullMatch.IsMatchFromStart(match.PathRegex!, request.Path))
            && (match.AnyMethod || match.Methods.Contains(request.Method))
            && (match.Headers.IsDefaultOrEmpty || match.Headers.All(h =>
                request.Header(h.Name) is { } value && FullMatch.IsMatch(h.ValueRegex, value)));
    }

    private static bool MatchesAny(MeshSnapshot snapshot, SplitRule split, MeshRequest request) =>
        split.RouteGroups.Any(g => snapshot.FindRouteGroup(split.Namespace, g.Name) is { } group
            && group.Matches.Any(m => Matches(m, request)));
}
