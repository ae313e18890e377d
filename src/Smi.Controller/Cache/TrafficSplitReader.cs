using System.Globalization;
using System.Text.Json;
using k8s.Models;
using Smi.Metrics.Inventory;

namespace Smi.Controller.Cache;

/// <summary>
/// Reads what the TrafficMetrics API lists of a TrafficSplit: its root service and weighted backends.
/// </summary>
internal static class TrafficSplitReader
{
    /// <summary>
    /// Reads <c>spec.service</c> and <c>spec.backends</c>; v1alpha1 quantity weights are rounded to whole numbers.
    /// </summary>
    /// <param name="json">The TrafficSplit.</param>
    /// <returns>What it says, or null without <c>spec.service</c>.</returns>
    public static TrafficSplitInfo? Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("spec", out var spec)
            || spec.ValueKind != JsonValueKind.Object
            || !spec.TryGetProperty("service", out var service) || service.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var backends = new List<TrafficSplitBackendInfo>();
        if (spec.TryGetProperty("backends", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var backend in list.EnumerateArray())
            {
                if (backend.ValueKind == JsonValueKind.Object && backend.TryGetProperty("service", out var name)
                    && name.ValueKind == JsonValueKind.String)
                {
                    backends.Add(new TrafficSplitBackendInfo(name.GetString()!, Weight(backend)));
                }
            }
        }

        return new TrafficSplitInfo(service.GetString()!, backends);
    }

    private static long Weight(JsonElement backend)
    {
        if (!backend.TryGetProperty("weight", out var weight))
        {
            return 0;
        }

        if (weight.ValueKind == JsonValueKind.Number && weight.TryGetInt64(out var number))
        {
            return number;
        }

        if (weight.ValueKind == JsonValueKind.String && weight.GetString() is { Length: > 0 } text)
        {
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
            {
                return whole;
            }

            try
            {
                return (long)Math.Round(new ResourceQuantity(text).ToDecimal(), MidpointRounding.AwayFromZero);
            }
            catch (FormatException)
            {
                return 0;
            }
        }

        return 0;
    }
}
