using System.Globalization;

namespace Smi.Abstractions.Translation;

/// <summary>
/// One backend whose rendered share of the traffic differs from the SMI share by more than
/// <see cref="ShareDeviation.ToleratedPoints"/> percentage points, or that lost a non-zero share entirely.
/// </summary>
/// <param name="Index">The index of the weight in the list that was compared.</param>
/// <param name="WantedPercent">The share SMI asks for, in percent.</param>
/// <param name="RenderedPercent">The share the mesh output gives, in percent.</param>
public sealed record ShareDeviation(int Index, decimal WantedPercent, decimal RenderedPercent)
{
    /// <summary>The largest deviation, in percentage points, that is not reported as a warning.</summary>
    public const decimal ToleratedPoints = 0.5m;

    /// <summary>The shares, in percent, that relative weights give (all zero when every weight is zero).</summary>
    /// <param name="weights">Non-negative relative weights.</param>
    /// <returns>The percentages, in order.</returns>
    public static decimal[] Percents(IReadOnlyList<decimal> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var sum = weights.Sum();
        return [.. weights.Select(w => sum <= 0 ? 0m : w * 100m / sum)];
    }

    /// <summary>
    /// Compares SMI weights with the weights written for a mesh: a backend is listed when its share moved by more
    /// than <see cref="ToleratedPoints"/> or went from a positive share to zero.
    /// </summary>
    /// <param name="wanted">The SMI weights.</param>
    /// <param name="rendered">The mesh weights, in the same order (any scale; they are read as proportions).</param>
    /// <returns>The deviations worth a warning, in order.</returns>
    public static IReadOnlyList<ShareDeviation> Find(IReadOnlyList<decimal> wanted, IReadOnlyList<decimal> rendered)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(rendered);
        if (wanted.Count != rendered.Count)
        {
            throw new ArgumentException("both lists need one weight per backend", nameof(rendered));
        }

        var want = Percents(wanted);
        var got = Percents(rendered);
        var found = new List<ShareDeviation>();
        for (var i = 0; i < want.Length; i++)
        {
            if (Math.Abs(want[i] - got[i]) > ToleratedPoints || (want[i] > 0 && got[i] == 0))
            {
                found.Add(new ShareDeviation(i, want[i], got[i]));
            }
        }

        return found;
    }

    /// <summary>Describes the deviation, for example <c>backend web-v2 gets 0% instead of 0.1%</c>.</summary>
    /// <param name="backend">The backend Service name.</param>
    /// <returns>The text.</returns>
    public string Describe(string backend) => string.Create(
        CultureInfo.InvariantCulture,
        $"backend {backend} gets {Format(RenderedPercent)}% instead of {Format(WantedPercent)}%");

    /// <summary>
    /// Formats a percentage with up to four decimals; a smaller positive one reads <c>&lt;0.0001</c>.
    /// </summary>
    /// <param name="percent">The percentage.</param>
    /// <returns>The text.</returns>
    public static string Format(decimal percent)
    {
        var rounded = Math.Round(percent, 4, MidpointRounding.AwayFromZero);
        return rounded == 0 && percent > 0 ? "<0.0001" : rounded.ToString("0.####", CultureInfo.InvariantCulture);
    }
}
