using System.Text.Json;
using Smi.Abstractions;
using Smi.Abstractions.Snapshot;
using Smi.Kube;

namespace Smi.Controller.Cache;

/// <summary>
/// One object in an informer's cache: its JSON, what the controller reads of it, and its identity.
/// </summary>
internal sealed class CachedObject
{
    private DecodedObject? _decoded;

    public CachedObject(ResourceKind kind, JsonElement json)
    {
        Kind = kind;
        Json = json;
        var metadata = json.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        Namespace = kind.Namespaced ? String(metadata, "namespace") : null;
        Name = String(metadata, "name") ?? string.Empty;
        Uid = String(metadata, "uid");
        ResourceVersion = String(metadata, "resourceVersion") ?? string.Empty;
        Generation = metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("generation", out var g)
            && g.TryGetInt64(out var value) ? value : null;
        IsTerminating = String(metadata, "deletionTimestamp") is not null;
        Finalizers = metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("finalizers", out var f) && f.ValueKind == JsonValueKind.Array
                ? [.. f.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
                : [];
        Labels = Map(metadata, "labels");
        Annotations = Map(metadata, "annotations");
        Ref = new ResourceRef(kind.ApiVersion, kind.Kind, Namespace, Name) { Uid = Uid };
        Key = Namespace is null ? Name : Namespace + "/" + Name;
    }

    public ResourceKind Kind { get; }

    public JsonElement Json { get; }

    public string? Namespace { get; }

    public string Name { get; }

    public string? Uid { get; }

    public string ResourceVersion { get; }

    public long? Generation { get; }

    /// <summary>Whether the object is being deleted (it has <c>metadata.deletionTimestamp</c>).</summary>
    public bool IsTerminating { get; }

    /// <summary>The object's <c>metadata.finalizers</c>: what it waits for when it is being deleted.</summary>
    public IReadOnlyList<string> Finalizers { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public IReadOnlyDictionary<string, string> Annotations { get; }

    public ResourceRef Ref { get; }

    /// <summary><c>namespace/name</c>, or the name of a cluster-scoped object.</summary>
    public string Key { get; }

    /// <summary>
    /// Reads the object once, when it is first asked for (<see cref="Decoded"/>); null for objects the controller does
    /// not read (outputs).
    /// </summary>
    public Func<ResourceKind, JsonElement, DecodedObject>? Decoder { get; init; }

    /// <summary>
    /// The object as the snapshot holds it (an SMI object as its hub record, a Service, workload or Namespace as what
    /// translation reads of it), read once: on first use, or taken from the previous state of the object when only
    /// its status or metadata changed (<see cref="KeepDecoded"/>).
    /// </summary>
    public DecodedObject Decoded
    {
        get
        {
            if (Volatile.Read(ref _decoded) is { } decoded)
            {
                return decoded;
            }

            var read = Decoder is null ? DecodedObject.None : Decoder(Kind, Json);
            return Interlocked.CompareExchange(ref _decoded, read, null) ?? read;
        }
    }

    /// <summary>The snapshot entry, when the object was read (<see cref="Decoded"/>).</summary>
    public SnapshotEntry? Entry => Decoded.Entry;

    /// <summary>Why the object did not decode, when it did not.</summary>
    public string? DecodeError => Decoded.Error;

    /// <summary>
    /// Whether the object is annotated <c>smi-spec.io/skip: "true"</c>: left out of translation and not reported on.
    /// </summary>
    public bool IsSkipped =>
        string.Equals(
            Annotations.GetValueOrDefault(ControllerConventions.SkipAnnotation),
            "true",
            StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// What about the object can change translation: everything but metadata and status, plus labels and annotations.
    /// Changes to anything else (status, managed fields, resource version) are ignored.
    /// </summary>
    public string Fingerprint
    {
        get
        {
            if (field is not null)
            {
                return field;
            }

            var parts = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (Json.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in Json.EnumerateObject().Where(p => p.Name is not ("metadata" or "status")))
                {
                    parts[property.Name] = property.Value.GetRawText();
                }
            }

            parts["labels"] = string.Join(
                ",", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));
            parts["annotations"] = string.Join(
                ",", Annotations.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));
            field = string.Join("\n", parts.Select(p => p.Key + ":" + p.Value));
            return field;
        }
    }

    /// <summary>
    /// Takes what <paramref name="previous"/>, an earlier state of the same object with the same
    /// <see cref="Fingerprint"/>, read, instead of reading this one again.
    /// </summary>
    /// <param name="previous">The earlier state.</param>
    public void KeepDecoded(CachedObject previous) =>
        Interlocked.CompareExchange(ref _decoded, previous.Decoded, null);

    private static string? String(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Dictionary<string, string> Map(JsonElement obj, string name)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var map)
            && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in map.EnumerateObject().Where(e => e.Value.ValueKind == JsonValueKind.String))
            {
                result[entry.Name] = entry.Value.GetString()!;
            }
        }

        return result;
    }
}
