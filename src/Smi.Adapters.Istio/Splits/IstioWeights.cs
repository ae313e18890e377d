using Smi.Abstractions.Translation;

namespace Smi.Adapters.Istio.Splits;

/// <summary>
/// Route destination weights for Istio. Istio reads <c>weight</c> as a proportion of the sum since 1.15 (the
/// "Loose route destination total weight validation" change; HTTPRouteDestination "weight", "the proportion of
/// traffic to be forwarded", https://istio.io/latest/docs/reference/config/networking/virtual-service/), and
/// networking.istio.io/v1 needs Istio 1.22 or later, so v1 output keeps SMI's proportions as integers. v1beta1
/// output may meet Istio 1.14 and older, whose webhook demands a sum of exactly 100, so it gets whole percents.
/// </summary>
internal static class IstioWeights
{
    /// <summary>
    /// The largest weight written for v1: weights are int32, and ten backends at this size keep Envoy's total weight
    /// far below its uint32 limit.
    /// </summary>
    public const long MaxWeight = 1_000_000;

    /// <summary>Whole percents when they are exact (or for v1beta1), else proportional integers.</summary>
    /// <param name="weights">The SMI weights.</param>
    /// <param name="version">The Istio API version written.</param>
    /// <returns>The weights, in order.</returns>
    public static long[] Compute(IReadOnlyList<decimal> weights, IstioApiVersion version)
    {
        var percents = WeightMath.LargestRemainder(weights, 100);
        if (version == IstioApiVersion.V1Beta1
            || ShareDeviation.Percents(weights).SequenceEqual(percents.Select(p => (decimal)p)))
        {
            return percents;
        }

        return WeightMath.ToIntegers(weights, MaxWeight);
    }

    /// <summary>Says what the weights of an API version can express.</summary>
    /// <param name="version">The Istio API version written.</param>
    /// <returns>The text for a diagnostic.</returns>
    public static string Granularity(IstioApiVersion version) => version == IstioApiVersion.V1Beta1
        ? "networking.istio.io/v1beta1 weights are whole percents summing to 100 (Istio 1.14 and older)"
        : "Istio weights are proportional integers up to 1,000,000";
}
