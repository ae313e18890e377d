using System.Globalization;
using System.Text.Json.Nodes;
using Smi.Abstractions.Snapshot;
using Smi.Evaluation;

namespace Smi.Cli.Explain;

/// <summary>
/// Prints, per port and request class of a root Service, the share each backend gets under SMI's meaning and under
/// the mesh's generated resources, and flags a disagreement beyond <see cref="TolerancePoints"/>.
/// </summary>
internal static class SplitExplanation
{
    /// <summary>The largest difference of a backend's share, in percentage points, that counts as agreement.</summary>
    public const decimal TolerancePoints = 0.5m;

    /// <summary>Writes the explanation and returns how many request classes disagree.</summary>
    public static int Write(
        TextWriter output, MeshSnapshot snapshot, IReadOnlyList<JsonObject> resources, string mesh,
        ISplitEvaluator evaluator, ServiceInfo root)
    {
        var ns = root.Ref.Namespace ?? string.Empty;
        var label = mesh + ":";
        var width = Math.Max("sample:".Length, label.Length) + 1;
        var disagreements = 0;
        foreach (var port in root.Ports.Where(p => p.Protocol == "TCP").Select(p => p.Port).Distinct().Order())
        {
            output.WriteLine(FormattableString.Invariant($"Service {ns}/{root.Ref.Name} port {port}, mesh {mesh}"));
            foreach (var requestClass in SplitRequestClasses.Of(snapshot, ns, root.Ref.Name, port))
            {
                if (requestClass.Sample is not { } sample)
                {
                    output.WriteLine($"  {requestClass.Description}: no sample request could be built; not checked");
                    continue;
                }

                output.WriteLine($"  {requestClass.Description}");
                output.WriteLine($"    {"sample:".PadRight(width)}{Describe(sample)}");
                var wanted = SmiSplitEvaluator.Evaluate(snapshot, ns, root.Ref.Name, sample);
                var got = evaluator.Evaluate(resources, ns, root.Ref.Name, sample);
                output.WriteLine($"    {"SMI:".PadRight(width)}{wanted}");
                output.WriteLine($"    {label.PadRight(width)}{got}");
                var difference = got.LargestDifferencePoints(wanted);
                if (difference > TolerancePoints)
                {
                    disagreements++;
                    output.WriteLine(
                        $"    DISAGREE: a backend's share differs by {Points(difference)} points");
                }
            }
        }

        output.WriteLine(disagreements == 0
            ? $"SMI and {mesh} agree on every request class (within {Points(TolerancePoints)} point)"
            : $"{disagreements} request class(es) disagree by more than {Points(TolerancePoints)} point");
        return disagreements;
    }

    private static string Describe(MeshRequest request) =>
        $"{request.Method} {request.Path}"
        + string.Concat(request.Headers.OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => $" -H '{h.Key}: {h.Value}'"));

    private static string Points(decimal value) =>
        Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);
}
