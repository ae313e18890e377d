using System.Globalization;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.Consul.Resources;

namespace Smi.Adapters.Consul.Splits;

/// <summary>
/// Writes a plain TrafficSplit as the root's ServiceSplitter: percentages in 0.01 steps that add up to exactly 100
/// (https://developer.hashicorp.com/consul/docs/connect/config-entries/service-splitter), with a warning for any
/// rounding.
/// </summary>
internal sealed class ServiceSplitterRendering(ConsulTranslationContext context)
{
    /// <summary>Writes the ServiceSplitter of a root.</summary>
    /// <param name="unit">The root's unit.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="rootName">The root service.</param>
    /// <param name="split">The split.</param>
    public void Render(UnitKey unit, string ns, string rootName, SplitRule split)
    {
        var weights = split.Backends.Select(b => b.Weight).ToList();
        var percents = PercentWeights.Compute(weights);
        var exact = ShareDeviation.Percents(weights);
        if (exact.Where((e, i) => e != percents[i]).Any())
        {
            // Any rounding changes where traffic goes: a warning; each backend that moved more than half a point
            // (or was cut to 0 %) is named.
            var deviations = ShareDeviation.Find(weights, percents);
            var written = string.Join(
                ", ", split.Backends.Select((b, i) => $"{b.Service} {PercentWeights.Format(percents[i])}%"));
            var moved = string.Concat(deviations.Select(d => $"; {d.Describe(split.Backends[d.Index].Service)}"));
            var message = "Consul takes percentages in 0.01 steps that add up to exactly 100; "
                + $"written as {written}{moved}. Use weights that divide evenly to avoid rounding";
            context.Report(
                unit, Diagnostic.Warning(SmiReasons.WeightsRounded, split.Source, "spec.backends", message));
        }

        var splitter = new ServiceSplitter
        {
            Spec = new ServiceSplitterSpec
            {
                Splits = [.. split.Backends.Select((b, i) => new ServiceSplit
                {
                    Service = b.Service,
                    Weight = double.Parse(PercentWeights.Format(percents[i]), CultureInfo.InvariantCulture),
                })],
            },
        };
        context.Output.Add(unit, splitter, rootName, ns, [split.Source]);
    }
}
