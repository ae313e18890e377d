namespace Smi.Controller.Reconcile;

/// <summary>
/// Runs numbered pieces of work with a bound on how many are in flight: each of at most that many workers takes the
/// next number when its last piece is done, so the pieces start in order. With a bound of 1 they run one after
/// another, as a loop would. After a piece throws no further piece starts, and the first exception is thrown.
/// </summary>
internal static class BoundedWrites
{
    /// <summary>Runs <paramref name="body"/> for 0 to <paramref name="count"/> - 1, at most
    /// <paramref name="limit"/> at once.</summary>
    /// <param name="count">How many pieces.</param>
    /// <param name="limit">The most in flight at once; less than 1 counts as 1.</param>
    /// <param name="body">One piece, given its number.</param>
    /// <returns>A task that completes when every started piece has.</returns>
    public static Task ForEachAsync(int count, int limit, Func<int, Task> body)
    {
        var next = -1;
        var failed = 0;
        async Task WorkAsync()
        {
            int index;
            while (Volatile.Read(ref failed) == 0 && (index = Interlocked.Increment(ref next)) < count)
            {
                try
                {
                    await body(index).ConfigureAwait(false);
                }
                catch
                {
                    Volatile.Write(ref failed, 1);
                    throw;
                }
            }
        }

        var workers = Math.Clamp(limit, 1, Math.Max(1, count));
        return Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync()).ToList());
    }
}
