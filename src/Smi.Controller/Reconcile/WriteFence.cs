using Polly;

namespace Smi.Controller.Reconcile;

/// <summary>
/// Writes only while leading: every write runs in the current term of leadership. Each attempt (the first and every
/// retry) checks that the term still holds before it is sent, and the end of the term cancels a write in flight, so
/// that no request leaves an instance after it has seen another holder of the Lease or given up renewing it.
/// Thread-safe: leader election starts and ends terms while the reconciler writes.
/// </summary>
/// <param name="pipeline">The retry pipeline every write runs through.</param>
internal sealed class WriteFence(ResiliencePipeline pipeline)
{
    private readonly Lock _gate = new();
    private CancellationTokenSource _term = Ended();
    private volatile bool _leading;

    /// <summary>Whether a term of leadership is under way.</summary>
    public bool IsLeading => _leading;

    /// <summary>
    /// Starts a term of leadership, unless one is under way, or ends the current one; ending a term cancels every
    /// write of it that is still under way.
    /// </summary>
    /// <param name="leading">Whether this instance leads now.</param>
    public void SetLeading(bool leading)
    {
        CancellationTokenSource? ended = null;
        lock (_gate)
        {
            if (leading && (!_leading || _term.IsCancellationRequested))
            {
                ended = _term;
                _term = new CancellationTokenSource();
            }
            else if (!leading)
            {
                ended = _term;
            }

            _leading = leading;
        }

        ended?.Cancel();
    }

    /// <summary>Runs one write through the retry pipeline, in the current term of leadership.</summary>
    /// <typeparam name="T">What the write returns.</typeparam>
    /// <param name="write">The write; takes the token of its attempt.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>What the write returned.</returns>
    /// <exception cref="LeadershipLostException">
    /// Not leading, or leadership ended before the write finished.
    /// </exception>
    public async Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        var term = Term();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, term);
        try
        {
            return await pipeline.ExecuteAsync(
                async t =>
                {
                    if (term.IsCancellationRequested || !_leading)
                    {
                        throw new LeadershipLostException();
                    }

                    return await write(t).ConfigureAwait(false);
                },
                linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
            when (term.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new LeadershipLostException();
        }
    }

    /// <summary>Runs one write that returns nothing, as <see cref="WriteAsync{T}"/> does.</summary>
    /// <param name="write">The write; takes the token of its attempt.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the write has.</returns>
    public async Task WriteAsync(Func<CancellationToken, Task> write, CancellationToken cancellationToken) =>
        await WriteAsync(
            async t =>
            {
                await write(t).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);

    private static CancellationTokenSource Ended()
    {
        var ended = new CancellationTokenSource();
        ended.Cancel();
        return ended;
    }

    /// <summary>The token of the current term; cancelled when leadership ends. Throws when not leading.</summary>
    private CancellationToken Term()
    {
        lock (_gate)
        {
            if (!_leading || _term.IsCancellationRequested)
            {
                throw new LeadershipLostException();
            }

            return _term.Token;
        }
    }
}
