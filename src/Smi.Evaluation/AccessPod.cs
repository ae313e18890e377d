using System.Collections.Immutable;
using Smi.Abstractions.Snapshot;

namespace Smi.Evaluation;

/// <summary>One end of a request an access evaluator judges: a meshed pod.</summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="ServiceAccount">The ServiceAccount the pod runs as (its mesh identity).</param>
/// <param name="Labels">The pod's labels.</param>
/// <param name="NamedPorts">The pod's container ports by name, to resolve a named port of a mesh object.</param>
public sealed record AccessPod(
    string Namespace,
    string ServiceAccount,
    ImmutableSortedDictionary<string, string> Labels,
    ImmutableSortedDictionary<string, int> NamedPorts)
{
    /// <summary>A pod of a workload of the snapshot.</summary>
    /// <param name="workload">The workload.</param>
    /// <returns>The pod.</returns>
    public static AccessPod Of(WorkloadInfo workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return new AccessPod(workload.Namespace, workload.ServiceAccount, workload.PodLabels,
            workload.ContainerPorts
                .Where(p => !string.IsNullOrEmpty(p.Name))
                .GroupBy(p => p.Name!, StringComparer.Ordinal)
                .ToImmutableSortedDictionary(g => g.Key, g => g.First().Port, StringComparer.Ordinal));
    }

    /// <summary>Whether every label of the selector is on the pod with the same value.</summary>
    /// <param name="matchLabels">The selector's labels.</param>
    /// <returns><see langword="true"/> when the pod carries them all.</returns>
    public bool HasLabels(IEnumerable<KeyValuePair<string, string>> matchLabels)
    {
        ArgumentNullException.ThrowIfNull(matchLabels);
        return matchLabels.All(l => Labels.TryGetValue(l.Key, out var v) && string.Equals(v, l.Value,
            StringComparison.Ordinal));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Namespace}/{ServiceAccount} {{{string.Join(",", Labels.Select(l => $"{l.Key}={l.Value}"))}}}";
}
