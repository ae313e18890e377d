using System.Text.Json;
using k8s.Models;
using Smi.Kube;

namespace Smi.Controller.Cache.Context;

/// <summary>
/// Reads a Service, workload, Pod or Namespace as listed into the client model <c>SnapshotEntry.From</c> takes, with
/// only the fields translation reads filled in: the object is read once, by source-generated code, into small documents
/// (no model of every field, no text copy of the object). The strings a fleet repeats over many objects (label keys and
/// values, annotation keys, port names and protocols) are shared (<see cref="SharedStrings"/>,
/// <see cref="RecentStrings"/>).
/// </summary>
internal static class ContextDecoder
{
    /// <summary>The model of a context object, or null for a kind that is not one.</summary>
    /// <param name="kind">The object's kind.</param>
    /// <param name="json">The object as listed.</param>
    /// <returns>
    /// A <c>V1Service</c>, <c>V1Namespace</c>, <c>V1Pod</c>, <c>V1Deployment</c>, <c>V1StatefulSet</c> or
    /// <c>V1DaemonSet</c>; null for other kinds.
    /// </returns>
    public static object? Read(ResourceKind kind, JsonElement json) => (kind.Group, kind.Plural) switch
    {
        ("", "services") => Service(json.Deserialize(ContextJsonContext.Default.ServiceDocument)),
        ("", "namespaces") => new V1Namespace
        {
            Metadata = Meta(json.Deserialize(ContextJsonContext.Default.NamespaceDocument)?.Metadata),
        },
        ("", "pods") => Pod(json.Deserialize(ContextJsonContext.Default.PodTemplateDocument)),
        ("apps", "deployments") => Workload(json, (meta, template) => new V1Deployment
        {
            Metadata = meta,
            Spec = template is null ? null : new V1DeploymentSpec { Template = template },
        }),
        ("apps", "statefulsets") => Workload(json, (meta, template) => new V1StatefulSet
        {
            Metadata = meta,
            Spec = template is null ? null : new V1StatefulSetSpec { Template = template },
        }),
        ("apps", "daemonsets") => Workload(json, (meta, template) => new V1DaemonSet
        {
            Metadata = meta,
            Spec = template is null ? null : new V1DaemonSetSpec { Template = template },
        }),
        _ => null,
    };

    private static V1Service? Service(ServiceDocument? service) => service is null ? null : new V1Service
    {
        Metadata = Meta(service.Metadata),
        Spec = service.Spec is not { } spec ? null : new V1ServiceSpec
        {
            Selector = Shared(spec.Selector, sharedValues: true),
            ClusterIP = spec.ClusterIP,
            Ports = spec.Ports?.Select(p => p is null ? null! : new V1ServicePort
            {
                Name = Recent(p.Name),
                Port = p.Port,
                TargetPort = NumberOrName(p.TargetPort),
                Protocol = Recent(p.Protocol),
                AppProtocol = Recent(p.AppProtocol),
            }).ToList(),
        },
    };

    private static V1Pod? Pod(PodTemplateDocument? pod) =>
        pod is null ? null : new V1Pod { Metadata = Meta(pod.Metadata), Spec = PodSpec(pod.Spec) };

    /// <summary>A Deployment, StatefulSet or DaemonSet, built by <paramref name="model"/> from its parts.</summary>
    private static object? Workload(JsonElement json, Func<V1ObjectMeta?, V1PodTemplateSpec?, object> model)
    {
        if (json.Deserialize(ContextJsonContext.Default.WorkloadDocument) is not { } workload)
        {
            return null;
        }

        var template = workload.Spec?.Template;
        return model(Meta(workload.Metadata), template is null ? null : new V1PodTemplateSpec
        {
            Metadata = Meta(template.Metadata),
            Spec = PodSpec(template.Spec),
        });
    }

    private static V1PodSpec? PodSpec(PodSpecDocument? spec) => spec is null ? null : new V1PodSpec
    {
        Containers = spec.Containers?.Select(Container).ToList(),
        InitContainers = spec.InitContainers?.Select(Container).ToList(),
        ServiceAccountName = Recent(spec.ServiceAccountName),
        ServiceAccount = Recent(spec.ServiceAccount),
    };

    private static V1Container Container(ContainerDocument? container) => container is null ? null! : new V1Container
    {
        Ports = container.Ports?.Select(p => p is null ? null! : new V1ContainerPort
        {
            Name = Recent(p.Name),
            ContainerPort = p.ContainerPort,
            Protocol = Recent(p.Protocol),
        }).ToList(),
        LivenessProbe = Probe(container.LivenessProbe),
        ReadinessProbe = Probe(container.ReadinessProbe),
        StartupProbe = Probe(container.StartupProbe),
        RestartPolicy = container.RestartPolicy,
    };

    private static V1Probe? Probe(ProbeDocument? probe) => probe is null ? null : new V1Probe
    {
        HttpGet = probe.HttpGet is not { } get ? null : new V1HTTPGetAction
        {
            Port = NumberOrName(get.Port),
            Path = Recent(get.Path),
        },
    };

    private static V1ObjectMeta? Meta(ObjectMetaDocument? metadata) => metadata is null ? null : new V1ObjectMeta
    {
        Name = metadata.Name,
        NamespaceProperty = metadata.Namespace is { } ns ? SharedStrings.Of(ns) : null,
        Uid = metadata.Uid,
        Labels = Shared(metadata.Labels, sharedValues: true),
        Annotations = Shared(metadata.Annotations, sharedValues: false),
        OwnerReferences = metadata.OwnerReferences?.Select(o => o is null ? null! : new V1OwnerReference
        {
            Kind = o.Kind,
            Name = o.Name,
            Controller = o.Controller,
        }).ToList(),
    };

    /// <summary>A port given as a number or a name, as the client model reads it.</summary>
    private static IntOrString? NumberOrName(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } number => RecentStrings.Of(number.GetRawText()),
        { ValueKind: JsonValueKind.String } name => RecentStrings.Of(name.GetString()!),
        _ => null,
    };

    private static string? Recent(string? value) => value is null ? null : RecentStrings.Of(value);

    /// <summary>A map of strings with its keys (and with <paramref name="sharedValues"/> its values) shared.</summary>
    private static Dictionary<string, string>? Shared(Dictionary<string, string>? map, bool sharedValues)
    {
        if (map is null)
        {
            return null;
        }

        var result = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            result[SharedStrings.Of(key)] = value is null ? value!
                : sharedValues ? SharedStrings.Of(value) : RecentStrings.Of(value);
        }

        return result;
    }
}
