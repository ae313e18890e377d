using System.Globalization;
using Smi.Abstractions.Translation;

namespace Smi.Adapters.Consul.Splits;

/// <summary>
/// Turns relative weights into ServiceSplitter percentages: 0.01 steps by largest remainder, at most two decimals,
/// and a float32 sum that compares equal to 100 in list order, as the consul-k8s webhook adds them.
/// </summary>
internal static class PercentWeights
{
    /// <summary>Beyond this many entries, shifting 0.01 between pairs is not tried.</summary>
    private const int PairSearchLimit = 32;

    /// <summary>Computes the percentages.</summary>
    /// <param name="weights">Non-negative relative weights, at least one positive.</param>
    /// <returns>The percentages in input order.</returns>
    public static decimal[] Compute(IReadOnlyList<decimal> weights)
    {
        var units = WeightMath.LargestRemainder(weights, 10_000);
        if (Float32SumIsHundred(ToPercents(units, 100m)))
        {
            return ToPercents(units, 100m);
        }

        if (units.Length <= PairSearchLimit)
        {
            for (var from = 0; from < units.Length; from++)
            {
                for (var to = 0; to < units.Length; to++)
                {
                    // Keep zero weights zero and non-zero weights non-zero.
                    if (from == to || units[from] < 2 || units[to] == 0)
                    {
                        continue;
                    }

                    units[from]--;
                    units[to]++;
                    if (Float32SumIsHundred(ToPercents(units, 100m)))
                    {
                        return ToPercents(units, 100m);
                    }

                    units[from]++;
                    units[to]--;
                }
            }
        }

        // Whole percents are exact in float32, so they always add up.
        return ToPercents(WeightMath.LargestRemainder(weights, 100), 1m);
    }

    /// <summary>Adds percentages the way the consul-k8s webhook does: parsed as float32, summed in order.</summary>
    /// <param name="percents">The percentages.</param>
    /// <returns>Whether the float32 sum equals 100.</returns>
    public static bool Float32SumIsHundred(IEnumerable<decimal> percents)
    {
        var sum = 0f;
        foreach (var percent in percents)
        {
            sum += float.Parse(Format(percent), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return sum == 100f;
    }

    /// <summary>Formats a percentage with at most two decimals.</summary>
    /// <param name="percent">The percentage.</param>
    /// <returns>The text, for example <c>33.33</c> or <c>90</c>.</returns>
    public static string Format(decimal percent) => percent.ToString("0.##", CultureInfo.InvariantCulture);

    private static decimal[] ToPercents(long[] units, decimal unitsPerPercent) =>
        [.. units.Select(u => u / unitsPerPercent)];
}
