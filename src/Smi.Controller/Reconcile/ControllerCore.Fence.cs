namespace Smi.Controller.Reconcile;

/// <summary>
/// Writes only while leading: every write runs in the current term of leadership. Each attempt (the first and every
/// retry) checks that the term still holds before it is sent, and the end of the term cancels a write in flight, so
/// that no request leaves an instance after it has seen another holder of the Lease or given up renewing it.
/// </summary>
public sealed partial class ControllerCore
{
    private static CancellationTokenSource Ended()
    {
        var ended = new CancellationTokenSource();
        ended.Cancel();
        return ended;
    }

    /// <summary>The token of the current term; cancelled when leadership ends. Throws when not leading.</summary>
    private CancellationToken Term()
    {
        lock (_leaderGate)
        {
            if (!_leader || _term.IsCancellationRequested)
            {
                throw new LeadershipLostException();
            }

            return _term.Token;
        }
    }

    /// <summary>Runs one write through the retry pipeline, in the current term of leadership.</summary>
    /// <exception cref="LeadershipLostException">
    /// Not leading, or leadership ended before the write finished.
    /// </exception>
    private async Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        var term = Term();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, term);
        try
        {
            return await _pipeline.ExecuteAsync(
                async t =>
                {
                    if (term.IsCancellationRequested || !_leader)
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

    private async Task WriteAsync(Func<CancellationToken, Task> write, CancellationToken cancellationToken) =>
        await WriteAsync(
            async t =>
            {
                await write(t).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
}
