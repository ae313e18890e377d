using System.Diagnostics;

namespace Smi.Fleet;

/// <summary>Times repeated runs of an action.</summary>
public static class Measure
{
    /// <summary>Runs an action once to warm up, then <paramref name="iterations"/> times.</summary>
    /// <param name="iterations">Measured runs.</param>
    /// <param name="action">What to run.</param>
    /// <returns>The figures.</returns>
    public static Sample Run(int iterations, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        action();
        ProcessMemory.Settle();
        var baseline = ProcessMemory.WorkingSet();
        var times = new List<double>();
        var allocations = new List<long>();
        for (var i = 0; i < iterations; i++)
        {
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var started = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            allocations.Add(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
        }

        return new Sample(Median(times), times.Min(), allocations.Order().ElementAt(allocations.Count / 2), baseline, ProcessMemory.PeakWorkingSet());
    }

    /// <summary>
    /// Runs two actions alternately, a few times each to warm up and then <paramref name="iterations"/> times each, so that
    /// load from other processes on a shared machine falls on both alike.
    /// </summary>
    /// <param name="iterations">Measured runs of each.</param>
    /// <param name="first">The first action.</param>
    /// <param name="second">The second action.</param>
    /// <returns>The figures of each.</returns>
    public static (Sample First, Sample Second) Alternate(int iterations, Action first, Action second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        // Warm up until the JIT has settled on optimized code: at least twice, and at least a few seconds in all.
        var warming = Stopwatch.GetTimestamp();
        for (var warmups = 0; warmups < 2 || (warmups < 10 && Stopwatch.GetElapsedTime(warming) < TimeSpan.FromSeconds(5)); warmups++)
        {
            first();
            second();
        }

        var runs = new[] { new Runs(first), new Runs(second) };
        for (var i = 0; i < iterations; i++)
        {
            foreach (var run in runs)
            {
                run.Once();
            }
        }

        return (runs[0].ToSample(), runs[1].ToSample());
    }

    /// <summary>The median of a list.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The median.</returns>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>The measured runs of one action, each from a settled heap with its own peak working set.</summary>
internal sealed class Runs(Action action)
{
    private readonly List<double> _times = [];
    private readonly List<long> _allocations = [];
    private long _baseline = long.MaxValue;
    private long _peak;

    public void Once()
    {
        ProcessMemory.Settle();
        _baseline = Math.Min(_baseline, ProcessMemory.WorkingSet());
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        action();
        _times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        _allocations.Add(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
        _peak = Math.Max(_peak, ProcessMemory.PeakWorkingSet());
    }

    public Sample ToSample() => new(Measure.Median(_times), _times.Min(), _allocations.Order().ElementAt(_allocations.Count / 2), _baseline, _peak);
}

/// <summary>What <see cref="Measure.Run"/> measured.</summary>
/// <param name="MedianMs">Median wall time of one run.</param>
/// <param name="MinMs">Fastest run.</param>
/// <param name="AllocatedBytes">Median managed allocation of one run.</param>
/// <param name="BaselineWorkingSet">Working set after the warm-up and a full collection.</param>
/// <param name="PeakWorkingSet">Peak working set during the measured runs.</param>
public sealed record Sample(double MedianMs, double MinMs, long AllocatedBytes, long BaselineWorkingSet, long PeakWorkingSet);
