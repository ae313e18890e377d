namespace Smi.Adapters.Istio.Access;

/// <summary>
/// An SMI regex rewritten as AuthorizationPolicy string values (exact, <c>prefix*</c>, <c>*suffix</c>, <c>*</c>), ORed.
/// </summary>
/// <param name="MatchesAll">Whether the regex accepts every value, so the field can be left out.</param>
/// <param name="Values">The values, when <paramref name="MatchesAll"/> is <see langword="false"/>.</param>
internal sealed record ReducedPattern(bool MatchesAll, IReadOnlyList<string> Values)
{
    public static ReducedPattern All { get; } = new(true, []);
}
