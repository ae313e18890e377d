using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;

namespace Smi.Abstractions.Translation;

/// <summary>One object a translator produced, and the unit it belongs to.</summary>
/// <param name="Unit">The unit whose translation produced it.</param>
/// <param name="Object">The object, with apiVersion, kind and metadata set.</param>
public sealed record GeneratedResource(UnitKey Unit, IKubernetesObject<V1ObjectMeta> Object)
{
    /// <summary>The object's reference.</summary>
    public ResourceRef Ref =>
        new(Object.ApiVersion, Object.Kind, Object.Metadata?.NamespaceProperty, Object.Metadata?.Name ?? string.Empty);

    /// <summary>The object as JSON, with null fields left out.</summary>
    /// <returns>A new JSON object.</returns>
    public JsonObject ToJson() =>
        JsonSerializer.SerializeToNode(Object, KubernetesJsonOptions.Value.GetTypeInfo(Object.GetType()))!.AsObject();
}
