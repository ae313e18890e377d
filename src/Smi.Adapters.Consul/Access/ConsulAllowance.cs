using Smi.Adapters.Consul.Resources;

namespace Smi.Adapters.Consul.Access;

/// <summary>
/// What one TrafficTarget allows its sources on a destination service. "No HTTP rule" (<see cref="AllTraffic"/>) and
/// "HTTP rules" (<see cref="HttpMatches"/>, never empty) are different states: HTTP rules that select no match are
/// refused before an allowance is made, so they can never become an intention that allows the whole service.
/// </summary>
internal sealed class ConsulAllowance
{
    private ConsulAllowance(bool allTraffic, IReadOnlyList<ConsulHttpMatch> httpMatches)
    {
        AllTraffic = allTraffic;
        HttpMatches = httpMatches;
    }

    /// <summary>The allowance of a TrafficTarget without HTTP rules: every request on every port.</summary>
    public static ConsulAllowance Everything { get; } = new(allTraffic: true, []);

    /// <summary>Whether all traffic is allowed (the TrafficTarget has no HTTP rule).</summary>
    public bool AllTraffic { get; }

    /// <summary>The HTTP requests allowed when <see cref="AllTraffic"/> is false.</summary>
    public IReadOnlyList<ConsulHttpMatch> HttpMatches { get; }

    /// <summary>The allowance of HTTP rules: only the given requests.</summary>
    /// <param name="matches">The matches; at least one.</param>
    /// <returns>The allowance.</returns>
    /// <exception cref="ArgumentException">No match was given.</exception>
    public static ConsulAllowance OnlyRequests(IReadOnlyList<ConsulHttpMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        if (matches.Count == 0)
        {
            throw new ArgumentException(
                "HTTP rules with no match allow nothing; refuse them instead.", nameof(matches));
        }

        return new ConsulAllowance(allTraffic: false, matches);
    }
}
