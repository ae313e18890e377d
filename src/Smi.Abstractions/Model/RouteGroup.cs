using System.Collections.Immutable;

namespace Smi.Abstractions.Model;

/// <summary>An HTTPRouteGroup of any version: a named set of HTTP request matches.</summary>
/// <param name="Source">The HTTPRouteGroup it came from.</param>
/// <param name="Matches">The matches, in input order.</param>
public sealed record RouteGroup(ResourceRef Source, ImmutableArray<RouteMatch> Matches)
{
    /// <summary>The route group's namespace.</summary>
    public string Namespace => Source.Namespace ?? string.Empty;

    /// <summary>The route group's name.</summary>
    public string Name => Source.Name;

    /// <summary>Finds a match by name.</summary>
    /// <param name="name">The match name.</param>
    /// <returns>The match, or <see langword="null"/>.</returns>
    public RouteMatch? FindMatch(string name) =>
        Matches.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));
}
