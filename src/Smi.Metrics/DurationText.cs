using System.Globalization;

namespace Smi.Metrics;

/// <summary>
/// Reads durations written as number-unit pairs (<c>1h30m</c>, <c>15s</c>, <c>1.5m</c>) into milliseconds.
/// </summary>
internal static class DurationText
{
    /// <summary>Beyond any duration a caller accepts (about 3,000 years), and far from decimal's limit.</summary>
    private const decimal TooLong = 1e14m;

    /// <summary>What was wrong with a duration.</summary>
    public enum Problem
    {
        /// <summary>Nothing: the text is a duration.</summary>
        None,

        /// <summary>A pair does not start with a number.</summary>
        Number,

        /// <summary>A unit is not one of the allowed ones.</summary>
        Unit,
    }

    /// <summary>Sums the pairs of <paramref name="text"/>.</summary>
    /// <param name="text">A non-empty text.</param>
    /// <param name="fractions">Whether numbers may have a decimal point.</param>
    /// <param name="unitMilliseconds">Milliseconds per unit; <see langword="null"/> for a unit not allowed.</param>
    /// <param name="milliseconds">The total.</param>
    /// <returns>What was wrong, or <see cref="Problem.None"/>.</returns>
    public static Problem TryParse(
        string text, bool fractions, Func<string, decimal?> unitMilliseconds, out decimal milliseconds)
    {
        milliseconds = 0;
        var position = 0;
        while (position < text.Length)
        {
            var numberStart = position;
            while (position < text.Length
                && (char.IsAsciiDigit(text[position]) || (fractions && text[position] == '.')))
            {
                position++;
            }

            var number = text.AsSpan(numberStart, position - numberStart);
            if (number.Length == 0 || number.Length > 15
                || !decimal.TryParse(
                    number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return Problem.Number;
            }

            var unitStart = position;
            while (position < text.Length && char.IsAsciiLetterLower(text[position]))
            {
                position++;
            }

            if (unitMilliseconds(text[unitStart..position]) is not { } scale)
            {
                return Problem.Unit;
            }

            milliseconds += value * scale;
            if (milliseconds > TooLong)
            {
                return Problem.Number;
            }
        }

        return Problem.None;
    }
}
