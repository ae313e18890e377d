using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s.Models;

namespace Smi.Abstractions.Serialization;

/// <summary>
/// The serializer's metadata for objects listed from the API server: the loader's, except that
/// <c>metadata.managedFields</c> is skipped rather than read into the typed object. The API server writes and checks
/// those entries itself, nothing that reads the typed objects looks at them, and reading them (each a tree of field
/// names) costs about as much as the rest of a small object; the object's JSON as read keeps them.
/// </summary>
internal static class ListedTypeInfos
{
    private static readonly ConcurrentDictionary<Type, JsonTypeInfo> ByType = new();

    private static readonly Lazy<JsonSerializerOptions> Options = new(() =>
    {
        var options = new JsonSerializerOptions(KubernetesJsonOptions.Value);
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
            .WithAddedModifier(SkipManagedFields);
        options.MakeReadOnly();
        return options;
    });

    /// <summary>The metadata for reading a listed object of <paramref name="type"/>.</summary>
    /// <param name="type">The typed object's type.</param>
    /// <returns>The metadata.</returns>
    public static JsonTypeInfo Of(Type type) => ByType.GetOrAdd(type, t => Options.Value.GetTypeInfo(t));

    /// <summary>Leaves out what <see cref="Of"/> skips from a typed object read another way.</summary>
    /// <param name="resource">The typed object.</param>
    public static void Clear(object resource)
    {
        if (resource is IMetadata<V1ObjectMeta> { Metadata: { } metadata })
        {
            metadata.ManagedFields = null;
        }
    }

    private static void SkipManagedFields(JsonTypeInfo info)
    {
        if (info.Type != typeof(V1ObjectMeta))
        {
            return;
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (info.Properties[i].Name == "managedFields")
            {
                info.Properties.RemoveAt(i);
            }
        }
    }
}
