using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Resources;

namespace Smi.Abstractions.Conversion;

/// <summary>Writes hub split weights into the whole-number weights of split v1alpha2 and later.</summary>
internal static class SplitWeights
{
    private const int MaxDecimalDigits = 9;

    /// <summary>
    /// The weights as whole numbers. Fractional weights (from a v1alpha1 quantity such as <c>500m</c>) are all scaled
    /// by the same power of ten, which keeps their ratios; past nine decimal digits they are rounded and reported.
    /// </summary>
    public static decimal[] ToWholeNumbers(
        IReadOnlyList<SplitBackend> backends, string apiVersion, ConversionContext context)
    {
        var weights = backends.Select(b => Quantity.Normalize(b.Weight)).ToArray();
        if (weights.All(IsWhole))
        {
            return weights;
        }

        var factor = 1m;
        for (var digits = 1; digits <= MaxDecimalDigits; digits++)
        {
            factor *= 10;
            if (weights.All(w => IsWhole(w * factor)))
            {
                context.Report(Diagnostic.Info(
                    SmiReasons.WeightsRescaled,
                    context.Object,
                    "spec.backends",
                    $"{apiVersion} weights are whole numbers; every weight was multiplied by {factor}, which keeps "
                        + "their ratios"));
                return [.. weights.Select(w => Quantity.Normalize(w * factor))];
            }
        }

        context.ReportLossy(
            "spec.backends",
            apiVersion,
            $"weight digits beyond {MaxDecimalDigits} decimal places (weights were multiplied by {factor} and "
                + "rounded)");
        return [.. weights.Select(w => Quantity.Normalize(decimal.Round(w * factor, MidpointRounding.AwayFromZero)))];
    }

    private static bool IsWhole(decimal value) => decimal.Truncate(value) == value;
}
