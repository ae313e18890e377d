namespace Smi.Testing.ApiServer;

/// <summary>
/// Faults on demand. Each rule affects the next <c>count</c> matching requests, in the order rules were added.
/// A path prefix matches the URL path (<c>/apis/split.smi-spec.io</c>); a predicate sees method, path, query and content type.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private CancellationTokenSource _watchCut = new();

    /// <summary>The next <paramref name="count"/> requests under the path answer <paramref name="statusCode"/> (429, 500, 503, ...) with a Status body.</summary>
    /// <param name="pathPrefix">The URL path prefix.</param>
    /// <param name="count">How many requests fail.</param>
    /// <param name="statusCode">The status code.</param>
    public void FailNext(string pathPrefix, int count = 1, int statusCode = 500) => FailNext(ByPrefix(pathPrefix), count, statusCode);

    /// <summary>The next <paramref name="count"/> matching requests answer <paramref name="statusCode"/> with a Status body.</summary>
    /// <param name="predicate">Which requests.</param>
    /// <param name="count">How many requests fail.</param>
    /// <param name="statusCode">The status code.</param>
    public void FailNext(Func<ApiRequestInfo, bool> predicate, int count = 1, int statusCode = 500)
    {
        if (statusCode is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "an injected failure needs a 4xx or 5xx status");
        }

        Add(FaultKind.Fail, predicate, count, statusCode);
    }

    /// <summary>
    /// The next <paramref name="count"/> requests under the path never answer: the server holds them until the client
    /// gives up, the server is disposed or <see cref="LoopbackApiServerOptions.MaxHang"/> passes, then drops the connection.
    /// </summary>
    /// <param name="pathPrefix">The URL path prefix.</param>
    /// <param name="count">How many requests hang.</param>
    public void HangNext(string pathPrefix, int count = 1) => HangNext(ByPrefix(pathPrefix), count);

    /// <summary>The next <paramref name="count"/> matching requests never answer (bounded as for the path overload).</summary>
    /// <param name="predicate">Which requests.</param>
    /// <param name="count">How many requests hang.</param>
    public void HangNext(Func<ApiRequestInfo, bool> predicate, int count = 1) => Add(FaultKind.Hang, predicate, count, 0);

    /// <summary>
    /// The next <paramref name="count"/> matching requests (meant for watches) answer 200 and then send nothing, not
    /// even bookmarks, whatever their <c>timeoutSeconds</c>: a stream that stays open and dead until the client gives
    /// up (bounded as for <see cref="HangNext(string, int)"/>).
    /// </summary>
    /// <param name="predicate">Which requests.</param>
    /// <param name="count">How many requests stall.</param>
    public void StallNext(Func<ApiRequestInfo, bool> predicate, int count = 1) =>
        Add(FaultKind.Stall, predicate, count, 200);

    /// <summary>The next <paramref name="count"/> writes (POST, PUT, PATCH, DELETE) under the path answer 409 Conflict.</summary>
    /// <param name="pathPrefix">The URL path prefix.</param>
    /// <param name="count">How many writes conflict.</param>
    public void ConflictNext(string pathPrefix, int count = 1) => ConflictNext(ByPrefix(pathPrefix), count);

    /// <summary>The next <paramref name="count"/> matching writes answer 409 Conflict.</summary>
    /// <param name="predicate">Which requests (only writes are considered).</param>
    /// <param name="count">How many writes conflict.</param>
    public void ConflictNext(Func<ApiRequestInfo, bool> predicate, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        Add(FaultKind.Conflict, r => r.IsWrite && predicate(r), count, 409);
    }

    /// <summary>Ends every open watch stream now (a clean end of the response, as when the server closes a watch).</summary>
    public void CutWatches()
    {
        CancellationTokenSource old;
        lock (_gate)
        {
            old = _watchCut;
            _watchCut = new CancellationTokenSource();
        }

        old.Cancel();
        old.Dispose();
    }

    /// <summary>Removes every pending rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>How many injected faults are still pending.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _rules.Sum(r => r.Remaining);
            }
        }
    }

    internal CancellationToken WatchCutToken
    {
        get
        {
            lock (_gate)
            {
                return _watchCut.Token;
            }
        }
    }

    internal FaultRule? Take(ApiRequestInfo request)
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if (rule.Matches(request))
                {
                    rule.Remaining--;
                    if (rule.Remaining <= 0)
                    {
                        _rules.Remove(rule);
                    }

                    return rule;
                }
            }
        }

        return null;
    }

    internal void Dispose()
    {
        lock (_gate)
        {
            _watchCut.Cancel();
            _rules.Clear();
        }
    }

    private static Func<ApiRequestInfo, bool> ByPrefix(string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(pathPrefix);
        return r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal);
    }

    private void Add(FaultKind kind, Func<ApiRequestInfo, bool> predicate, int count, int statusCode)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            _rules.Add(new FaultRule(kind, predicate, count, statusCode));
        }
    }
}
