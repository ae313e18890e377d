namespace Smi.Abstractions.Translation;

/// <summary>Integer apportioning of relative weights.</summary>
public static class WeightMath
{
    /// <summary>
    /// Splits <paramref name="total"/> units across relative weights by the largest-remainder method: each share is
    /// the floor of its exact quota, and the units left go to the largest remainders (ties to the earlier entry). The
    /// result always sums to <paramref name="total"/> when any weight is positive.
    /// </summary>
    /// <param name="weights">Non-negative relative weights, in order.</param>
    /// <param name="total">The units to hand out, for example 100 for whole percents or 10,000 for 0.01 %
    /// steps.</param>
    /// <returns>The integer shares, in the same order; all zero when every weight is zero.</returns>
    public static long[] LargestRemainder(IReadOnlyList<decimal> weights, long total)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var sum = weights.Sum();
        var shares = new long[weights.Count];
        if (sum <= 0)
        {
            return shares;
        }

        var remainders = new decimal[weights.Count];
        long assigned = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var quota = weights[i] * total / sum;
            shares[i] = (long)decimal.Floor(quota);
            remainders[i] = quota - shares[i];
            assigned += shares[i];
        }

        foreach (var index in Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i)
            .Take((int)(total - assigned)))
        {
            shares[index]++;
        }

        return shares;
    }

    /// <summary>
    /// Scales relative weights to integers without changing their ratios where possible: whole numbers pass
    /// through; fractional weights are multiplied by the smallest power of ten that makes them whole. When the largest
    /// result exceeds <paramref name="max"/>, all are scaled down proportionally (largest remainder) to fit.
    /// </summary>
    /// <param name="weights">Non-negative relative weights.</param>
    /// <param name="max">The largest integer weight the target accepts, for example 1,000,000 for Gateway API.</param>
    /// <returns>The integer weights, in order.</returns>
    public static long[] ToIntegers(IReadOnlyList<decimal> weights, long max)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var scale = 1m;
        while (weights.Any(w => decimal.Truncate(w * scale) != w * scale) && scale < 1_000_000_000m)
        {
            scale *= 10;
        }

        var scaled = weights.Select(w => decimal.Truncate(w * scale)).ToList();
        var largest = scaled.Count == 0 ? 0 : scaled.Max();
        if (largest <= max)
        {
            return [.. scaled.Select(w => (long)w)];
        }

        var sum = scaled.Sum();
        var budget = (long)decimal.Floor(sum * max / largest);
        return LargestRemainder(scaled, budget);
    }
}
