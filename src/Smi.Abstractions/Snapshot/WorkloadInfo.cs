using System.Collections.Immutable;

namespace Smi.Abstractions.Snapshot;

/// <summary>
/// What translation needs to know about a workload: a Deployment, StatefulSet, DaemonSet, ReplicaSet or Pod.
/// </summary>
/// <param name="Ref">The workload.</param>
/// <param name="ServiceAccount">The service account its pods run as (<c>default</c> when unset).</param>
/// <param name="PodLabels">The labels of its pods (the pod template's for controllers).</param>
/// <param name="ContainerPorts">The ports its containers declare.</param>
/// <param name="HttpProbes">Its containers' HTTP probes.</param>
public sealed record WorkloadInfo(
    ResourceRef Ref,
    string ServiceAccount,
    ImmutableSortedDictionary<string, string> PodLabels,
    ImmutableArray<ContainerPortInfo> ContainerPorts,
    ImmutableArray<ProbeInfo> HttpProbes)
{
    /// <summary>The workload's namespace.</summary>
    public string Namespace => Ref.Namespace ?? string.Empty;

    /// <summary>The annotations of its pods (the pod template's for controllers).</summary>
    public ImmutableSortedDictionary<string, string> PodAnnotations { get; init; } =
        ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Finds a container port by name.</summary>
    /// <param name="name">The port name.</param>
    /// <returns>The port number, or <see langword="null"/>.</returns>
    public int? FindPortByName(string name) =>
        ContainerPorts.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))?.Port;
}
