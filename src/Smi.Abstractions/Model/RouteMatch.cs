using System.Collections.Immutable;

namespace Smi.Abstractions.Model;

/// <summary>
/// One HTTP match of a route group. Path, methods and headers are ANDed; several matches are ORed.
/// </summary>
/// <param name="Name">The match name that TrafficTarget rules refer to.</param>
/// <param name="PathRegex">A regex anchored at the start of the path only; <see langword="null"/> matches any
/// path.</param>
/// <param name="Methods">The methods as written (upper case, may hold <c>*</c>); empty means any method.</param>
/// <param name="Headers">Header name to value regex, ANDed, in input order.</param>
public sealed record RouteMatch(
    string Name, string? PathRegex, ImmutableArray<string> Methods, ImmutableArray<HeaderMatch> Headers)
{
    /// <summary>Whether the match accepts every method (no methods listed, or <c>*</c> among them).</summary>
    public bool AnyMethod => Methods.IsDefaultOrEmpty || Methods.Contains("*");

    /// <summary>Whether the match accepts every path.</summary>
    public bool AnyPath => string.IsNullOrEmpty(PathRegex);
}
