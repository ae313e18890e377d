namespace Smi.Testing.ApiServer;

/// <summary>
/// Slows matching requests down, for as long as the rule is in place: each waits before the server handles it, so a
/// client's pass over many objects takes long enough to be interrupted. A request whose client gives up during the
/// wait is never handled (recorded with status 0), as a request that never reached the server.
/// </summary>
public sealed class RequestDelays
{
    private readonly Lock _gate = new();
    private readonly List<(Func<ApiRequestInfo, bool> Matches, TimeSpan Delay)> _rules = [];

    /// <summary>
    /// Matching requests wait <paramref name="delay"/> before they are handled (the longest rule wins).
    /// </summary>
    /// <param name="predicate">Which requests.</param>
    /// <param name="delay">How long each waits.</param>
    public void Add(Func<ApiRequestInfo, bool> predicate, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        lock (_gate)
        {
            _rules.Add((predicate, delay));
        }
    }

    /// <summary>Removes every rule; requests waiting already finish their wait.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    internal TimeSpan For(ApiRequestInfo request)
    {
        lock (_gate)
        {
            return _rules.Where(r => r.Matches(request)).Select(r => r.Delay).DefaultIfEmpty(TimeSpan.Zero).Max();
        }
    }
}
