using System.Collections.Immutable;
using Smi.Abstractions.Model;

namespace Smi.Abstractions.Access;

/// <summary>An HTTPRouteGroup rule of a grant with the matches it selects.</summary>
/// <param name="Index">The rule's index in the TrafficTarget's rules.</param>
/// <param name="Rule">The rule.</param>
/// <param name="Group">The referenced route group, or <see langword="null"/> when it is not in the input.</param>
/// <param name="Matches">The matches the rule selects: all of the group's, or the named ones that exist.</param>
public sealed record ResolvedHttpRule(int Index, AccessRule Rule, RouteGroup? Group, ImmutableArray<RouteMatch> Matches)
{
    /// <summary>Whether the rule matches no request (missing group, or none of the selected matches).</summary>
    public bool MatchesNothing => Group is null || Matches.IsDefaultOrEmpty;
}
