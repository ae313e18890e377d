using System.Collections.Immutable;

namespace Smi.Abstractions.Model;

/// <summary>
/// One rule of an <see cref="AccessGrant"/>: a traffic spec in the grant's namespace, optionally narrowed to named
/// matches.
/// </summary>
/// <param name="Kind">The referenced kind.</param>
/// <param name="Name">The referenced object's name.</param>
/// <param name="Matches">Names of HTTPRouteGroup matches; empty means all matches of the group.</param>
public sealed record AccessRule(AccessRuleKind Kind, string Name, ImmutableArray<string> Matches);
