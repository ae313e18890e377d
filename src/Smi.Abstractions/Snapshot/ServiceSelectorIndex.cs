using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Smi.Abstractions.Snapshot;

/// <summary>
/// The Services of each namespace filed under one label of their selector (its first key), so that finding the
/// Services that select a workload checks the few whose selector shares a label with its pods, not every Service of
/// the namespace: a Service selects a workload only if all of its selector's labels, the first among them, are pod
/// labels of the workload. Built for a namespace the first time one of its workloads is asked about.
/// </summary>
/// <param name="servicesByNamespace">The Services of each namespace, in the order answers keep.</param>
internal sealed class ServiceSelectorIndex(ILookup<string, ServiceInfo> servicesByNamespace)
{
    private readonly ConcurrentDictionary<string, Filed> _byNamespace = new(StringComparer.Ordinal);

    /// <summary>The Services of the workload's namespace that select its pods, in namespace order.</summary>
    /// <param name="workload">The workload.</param>
    /// <returns>The Services.</returns>
    public ImmutableArray<ServiceInfo> Selecting(WorkloadInfo workload)
    {
        var filed = _byNamespace.GetOrAdd(workload.Namespace, File, servicesByNamespace);
        List<int>? candidates = null;
        foreach (var label in workload.PodLabels)
        {
            if (filed.ByLabel.TryGetValue((label.Key, label.Value), out var indexes))
            {
                (candidates ??= []).AddRange(indexes);
            }
        }

        if (candidates is null)
        {
            return [];
        }

        // Each Service is filed under one label, so no candidate comes twice.
        candidates.Sort();
        var selecting = ImmutableArray.CreateBuilder<ServiceInfo>();
        foreach (var index in candidates)
        {
            if (filed.Services[index].Selects(workload.PodLabels))
            {
                selecting.Add(filed.Services[index]);
            }
        }

        return selecting.ToImmutable();
    }

    private static Filed File(string ns, ILookup<string, ServiceInfo> servicesByNamespace)
    {
        var services = servicesByNamespace[ns].ToArray();
        var byLabel = new Dictionary<(string, string), List<int>>();
        for (var i = 0; i < services.Length; i++)
        {
            // A Service without a selector selects nothing.
            foreach (var label in services[i].Selector)
            {
                if (!byLabel.TryGetValue((label.Key, label.Value), out var indexes))
                {
                    byLabel[(label.Key, label.Value)] = indexes = [];
                }

                indexes.Add(i);
                break;
            }
        }

        return new Filed(services, byLabel);
    }

    private sealed record Filed(ServiceInfo[] Services, Dictionary<(string, string), List<int>> ByLabel);
}
