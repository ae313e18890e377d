using System.Collections.Immutable;
using k8s.Models;

namespace Smi.Abstractions.Snapshot;

/// <summary>
/// Reads what translation needs from Kubernetes objects. Client models are nullable-oblivious: nulls are handled here,
/// once.
/// </summary>
internal static class ContextReader
{
    public static ServiceInfo ToServiceInfo(V1Service service) => new(
        new ResourceRef(
            "v1",
            "Service",
            service.Metadata?.NamespaceProperty,
            service.Metadata?.Name ?? string.Empty) { Uid = service.Metadata?.Uid },
        Labels(service.Spec?.Selector),
        [.. (service.Spec?.Ports ?? []).Select(p => new ServicePortInfo(
            p.Name, p.Port, p.TargetPort?.Value, p.Protocol ?? "TCP", p.AppProtocol))],
        string.Equals(service.Spec?.ClusterIP, "None", StringComparison.Ordinal))
    {
        Annotations = Labels(service.Metadata?.Annotations),
    };

    public static WorkloadInfo? ToWorkloadInfo(object resource) => resource switch
    {
        V1Deployment d => FromTemplate("apps/v1", "Deployment", d.Metadata, d.Spec?.Template),
        V1StatefulSet s => FromTemplate("apps/v1", "StatefulSet", s.Metadata, s.Spec?.Template),
        V1DaemonSet d => FromTemplate("apps/v1", "DaemonSet", d.Metadata, d.Spec?.Template),
        V1ReplicaSet r => FromTemplate("apps/v1", "ReplicaSet", r.Metadata, r.Spec?.Template),
        V1Pod p => FromPod(p.Metadata, p.Metadata, p.Spec),
        _ => null,
    };

    public static NamespaceInfo ToNamespaceInfo(V1Namespace ns) =>
        new(ns.Metadata?.Name ?? string.Empty, Labels(ns.Metadata?.Labels), Labels(ns.Metadata?.Annotations));

    private static WorkloadInfo FromTemplate(
        string apiVersion, string kind, V1ObjectMeta? metadata, V1PodTemplateSpec? template) =>
        FromPod(
            metadata,
            template?.Metadata,
            template?.Spec) with { Ref = new ResourceRef(
                apiVersion,
                kind,
                metadata?.NamespaceProperty,
                metadata?.Name ?? string.Empty) { Uid = metadata?.Uid } };

    private static WorkloadInfo FromPod(V1ObjectMeta? metadata, V1ObjectMeta? podMetadata, V1PodSpec? spec)
    {
        var containers = (spec?.Containers ?? [])
            .Concat(spec?.InitContainers?.Where(c => c.RestartPolicy == "Always") ?? []).ToList();
        var ports = containers
            .SelectMany(c => c.Ports ?? [])
            .Select(p => new ContainerPortInfo(p.Name, p.ContainerPort, p.Protocol ?? "TCP"))
            .Distinct()
            .ToImmutableArray();
        var probes = containers
            .SelectMany(c => new[] { ("liveness", c.LivenessProbe), ("readiness", c.ReadinessProbe), (
                "startup", c.StartupProbe) })
            .Where(p => p.Item2?.HttpGet is not null)
            .Select(p => new ProbeInfo(p.Item1, p.Item2!.HttpGet.Port?.Value ?? string.Empty, p.Item2.HttpGet.Path))
            .ToImmutableArray();
        return new WorkloadInfo(
            new ResourceRef(
                "v1", "Pod", metadata?.NamespaceProperty, metadata?.Name ?? string.Empty) { Uid = metadata?.Uid },
            string.IsNullOrEmpty(spec?.ServiceAccountName)
                ? (string.IsNullOrEmpty(spec?.ServiceAccount) ? "default" : spec.ServiceAccount)
                : spec.ServiceAccountName,
            Labels(podMetadata?.Labels),
            ports,
            probes)
        {
            PodAnnotations = Labels(podMetadata?.Annotations),
        };
    }

    /// <summary>An empty map in ordinal order, shared: most Services and pod templates have no annotations.</summary>
    private static readonly ImmutableSortedDictionary<string, string> NoLabels =
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    private static ImmutableSortedDictionary<string, string> Labels(IDictionary<string, string>? labels) =>
        labels is null || labels.Count == 0 ? NoLabels : labels.ToImmutableSortedDictionary(StringComparer.Ordinal);
}
