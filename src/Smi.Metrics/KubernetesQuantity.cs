using System.Globalization;

namespace Smi.Metrics;

/// <summary>
/// Writes and reads the decimal Kubernetes quantities metric values are served as (<c>105</c>, <c>43750m</c>,
/// <c>2k</c>). Values are rounded to the nearest thousandth, like the SMI SDK's milli-quantities, and written in
/// canonical form: the largest decimal suffix that keeps the mantissa whole.
/// </summary>
public static class KubernetesQuantity
{
    private static readonly (string Suffix, int Exponent)[] Suffixes =
    [
        ("E", 18), ("P", 15), ("T", 12), ("G", 9), ("M", 6), ("k", 3), (string.Empty, 0), ("m", -3),
    ];

    /// <summary>
    /// Formats a value. Not-a-number and infinities (a quantile of an empty histogram) have no quantity: they give
    /// <see langword="null"/>, which is served as an absent value, never as <c>0</c>.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>The canonical quantity string, or <see langword="null"/>.</returns>
    public static string? Format(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return null;
        }

        var milli = (decimal)Math.Round(value * 1000, MidpointRounding.AwayFromZero);
        if (milli == 0)
        {
            return "0";
        }

        foreach (var (suffix, exponent) in Suffixes)
        {
            var divisor = Pow10(exponent + 3);
            if (milli % divisor == 0)
            {
                return (milli / divisor).ToString("0", CultureInfo.InvariantCulture) + suffix;
            }
        }

        return milli.ToString("0", CultureInfo.InvariantCulture) + "m";
    }

    /// <summary>Reads a decimal quantity such as <c>43750m</c>, <c>2k</c>, <c>1.5</c> or <c>0</c>.</summary>
    /// <param name="text">The quantity.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when the text is a decimal quantity.</returns>
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var exponent = 0;
        var number = text;
        foreach (var (suffix, suffixExponent) in Suffixes)
        {
            if (suffix.Length > 0 && text.EndsWith(suffix, StringComparison.Ordinal))
            {
                exponent = suffixExponent;
                number = text[..^suffix.Length];
                break;
            }
        }

        if (!decimal.TryParse(
            number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture,
            out var mantissa))
        {
            return false;
        }

        value = exponent >= 0 ? mantissa * Pow10(exponent) : mantissa / Pow10(-exponent);
        return true;
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
