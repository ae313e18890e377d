using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Smi.Fleet;

/// <summary>
/// Samples this process's working set and managed heap (live and garbage not yet collected) at a fixed interval until
/// disposed, to tell a transient peak from live data.
/// </summary>
public sealed class MemoryTimeline : IAsyncDisposable
{
    private readonly List<(double Seconds, long WorkingSet, long Heap, long Committed, long Passes)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly long _started = Stopwatch.GetTimestamp();

    /// <summary>Starts sampling.</summary>
    /// <param name="interval">Time between samples.</param>
    /// <param name="passes">The controller's passes so far, sampled alongside.</param>
    public MemoryTimeline(TimeSpan interval, Func<long> passes)
    {
        _sampling = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            do
            {
                var sample = (
                    Stopwatch.GetElapsedTime(_started).TotalSeconds,
                    ProcessMemory.Read(Environment.ProcessId).WorkingSet,
                    GC.GetTotalMemory(forceFullCollection: false),
                    GC.GetGCMemoryInfo(GCKind.Any).TotalCommittedBytes,
                    passes());
                lock (_samples)
                {
                    _samples.Add(sample);
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        });
    }

    /// <summary>
    /// The sample with the largest working set, and one sample every <paramref name="every"/> seconds, as text.
    /// </summary>
    /// <param name="every">Seconds between the samples printed.</param>
    /// <returns>The description.</returns>
    public string Describe(double every)
    {
        lock (_samples)
        {
            if (_samples.Count == 0)
            {
                return "no samples";
            }

            var peak = _samples.MaxBy(s => s.WorkingSet);
            var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"largest working set sampled {Mb(peak.WorkingSet):F0} MB at {peak.Seconds:F1} s (managed heap with garbage {Mb(peak.Heap):F0} MB, committed by the GC at its last collection {Mb(peak.Committed):F0} MB, {peak.Passes} passes); s: working set / heap / GC committed MB (passes):"));
            var next = 0.0;
            foreach (var sample in _samples.Where(s => s.Seconds >= next))
            {
                text.Append(CultureInfo.InvariantCulture, $" {sample.Seconds:F0}: {Mb(sample.WorkingSet):F0}/{Mb(sample.Heap):F0}/{Mb(sample.Committed):F0} ({sample.Passes})");
                next = sample.Seconds + every;
            }

            return text.ToString();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _sampling.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static double Mb(long bytes) => bytes / 1024.0 / 1024.0;
}
