using System.Globalization;
using k8s.Models;
using Smi.Abstractions.Snapshot;

namespace Smi.Abstractions.Translation;

/// <summary>The labels, annotations and owner references every generated object carries.</summary>
public static class GeneratedMetadata
{
    /// <summary>The <c>app.kubernetes.io/managed-by</c> label key.</summary>
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    /// <summary>The value of <see cref="ManagedByLabel"/> on generated objects.</summary>
    public const string ManagedByValue = "smi-adapter";

    /// <summary>The label that names the mesh an object was generated for.</summary>
    public const string MeshLabel = "smi-adapter.io/mesh";

    /// <summary>The annotation that lists the SMI objects an output was generated from.</summary>
    public const string SourcesAnnotation = "smi-adapter.io/sources";

    /// <summary>The annotation that names the translation unit an output belongs to.</summary>
    public const string UnitAnnotation = "smi-adapter.io/unit";

    /// <summary>Builds the metadata of a generated object.</summary>
    /// <param name="name">The object name.</param>
    /// <param name="ns">The namespace, or <see langword="null"/> for cluster-scoped objects.</param>
    /// <param name="mesh">The mesh name.</param>
    /// <param name="unit">The unit the object belongs to.</param>
    /// <param name="sources">The SMI objects it was generated from.</param>
    /// <returns>The metadata, with owner references to the sources in the same namespace that carry a UID.</returns>
    public static V1ObjectMeta Create(
        string name, string? ns, string mesh, UnitKey unit, IEnumerable<ResourceRef> sources)
    {
        var sorted = sources.Distinct().Order().ToList();
        var owners = sorted
            .Where(s => s.Uid is not null && string.Equals(s.Namespace, ns, StringComparison.Ordinal))
            .Select(s => new V1OwnerReference { ApiVersion = s.ApiVersion, Kind = s.Kind, Name = s.Name, Uid = s.Uid })
            .ToList();
        return new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            Labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                [ManagedByLabel] = ManagedByValue,
                [MeshLabel] = mesh,
            },
            Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                [SourcesAnnotation] = string.Join(",", sorted.Select(FormatSource)),
                [UnitAnnotation] = FormatUnit(unit),
            },
            OwnerReferences = owners.Count > 0 ? owners : null,
        };
    }

    /// <summary>Formats a unit key the way <see cref="UnitAnnotation"/> holds it.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns><c>Kind/namespace/name</c>.</returns>
    public static string FormatUnit(UnitKey unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{unit.Kind}/{unit.Namespace}/{unit.Name}");

    private static string FormatSource(ResourceRef source) => $"{source.Kind}/{source.Namespace}/{source.Name}";
}
