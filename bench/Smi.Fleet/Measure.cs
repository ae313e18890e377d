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

/// <summary>What <see cref="Measure.Run"/> measured.</summary>
/// <param name="MedianMs">Median wall time of one run.</param>
/// <param name="MinMs">Fastest run.</param>
/// <param name="AllocatedBytes">Median managed allocation of one run.</param>
/// <param name="BaselineWorkingSet">Working set after the warm-up and a full collection.</param>
/// <param name="PeakWorkingSet">Peak working set during the measured runs.</param>
public sealed record Sample(double MedianMs, double MinMs, long AllocatedBytes, long BaselineWorkingSet, long PeakWorkingSet);
