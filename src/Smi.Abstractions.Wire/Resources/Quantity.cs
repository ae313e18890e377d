using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Smi.Abstractions.Resources;

/// <summary>
/// A Kubernetes quantity (<c>1</c>, <c>500m</c>, <c>1500m</c>, <c>2Ki</c>, <c>1e3</c>) held by its value, so
/// <c>1</c> and <c>1000m</c> are equal and <c>500m</c> is half of <c>1</c>. Split v1alpha1 weights and metric values
/// use it. JSON reads a string or a bare number and writes the canonical string.
/// </summary>
/// <param name="Value">The value, for example 0.5 for <c>500m</c>.</param>
[JsonConverter(typeof(QuantityJsonConverter))]
public readonly partial record struct Quantity(decimal Value)
{
    private static readonly (string Suffix, decimal Factor)[] FractionalSuffixes = [
        ("m", 1_000m), ("u", 1_000_000m), ("n", 1_000_000_000m)];

    /// <summary>
    /// Parses a quantity in the Kubernetes grammar: a signed decimal number and an optional SI, binary or exponent
    /// suffix.
    /// </summary>
    /// <param name="text">The text, for example <c>500m</c>.</param>
    /// <returns>The quantity.</returns>
    /// <exception cref="FormatException">The text is not a quantity.</exception>
    public static Quantity Parse(string text) =>
        TryParse(text, out var quantity)
            ? quantity : throw new FormatException($"\"{text}\" is not a Kubernetes quantity such as 1, 500m or 1500m");

    /// <summary>Parses a quantity without throwing.</summary>
    /// <param name="text">The text.</param>
    /// <param name="quantity">The quantity when the text is one.</param>
    /// <returns><see langword="true"/> when the text is a quantity that fits a decimal.</returns>
    public static bool TryParse(string? text, out Quantity quantity)
    {
        quantity = default;
        var match = text is null ? Match.Empty : Grammar().Match(text);
        if (!match.Success
            || !decimal.TryParse(
                match.Groups["number"].Value,
                NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture,
                out var number))
        {
            return false;
        }

        try
        {
            var value = match.Groups["exponent"].Success
                ? ScaleByPowerOfTen(
                    number,
                    int.Parse(
                        match.Groups["exponent"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture))
                : number * Multiplier(match.Groups["suffix"].Value);
            quantity = new Quantity(Normalize(value));
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>
    /// The canonical form: whole numbers as plain digits (<c>90</c>), fractions with the largest of the
    /// <c>m</c>, <c>u</c>, <c>n</c> suffixes that keeps the digits whole (0.5 is <c>500m</c>).
    /// </summary>
    /// <returns>The quantity as Kubernetes writes it.</returns>
    public override string ToString()
    {
        var value = Normalize(Value);
        if (decimal.Truncate(value) == value)
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (suffix, factor) in FractionalSuffixes)
        {
            var scaled = value * factor;
            if (decimal.Truncate(scaled) == scaled)
            {
                return Normalize(scaled).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }

        return value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Removes trailing zeros, so 0.500 reads and writes as 0.5.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The same value with the smallest scale.</returns>
    internal static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    private static decimal Multiplier(string suffix) => suffix switch
    {
        "n" => 0.000000001m,
        "u" => 0.000001m,
        "m" => 0.001m,
        "" => 1m,
        "k" => 1_000m,
        "M" => 1_000_000m,
        "G" => 1_000_000_000m,
        "T" => 1_000_000_000_000m,
        "P" => 1_000_000_000_000_000m,
        "E" => 1_000_000_000_000_000_000m,
        "Ki" => 1024m,
        "Mi" => 1024m * 1024,
        "Gi" => 1024m * 1024 * 1024,
        "Ti" => 1024m * 1024 * 1024 * 1024,
        "Pi" => 1024m * 1024 * 1024 * 1024 * 1024,
        "Ei" => 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
        _ => throw new OverflowException(),
    };

    private static decimal ScaleByPowerOfTen(decimal number, int exponent)
    {
        if (exponent is < -28 or > 28)
        {
            throw new OverflowException();
        }

        var result = number;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            result = exponent > 0 ? result * 10 : result / 10;
        }

        return result;
    }

    [GeneratedRegex(
        @"^(?<number>[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))"
            + @"(?:[eE](?<exponent>[+-]?[0-9]+)|(?<suffix>[numkMGTPE]|[KMGTPE]i)?)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
