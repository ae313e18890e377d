using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Smi.Abstractions;
using Smi.Abstractions.Resources;
using Smi.Abstractions.Snapshot;
using Smi.Kube;
using Smi.Metrics.Inventory;

namespace Smi.Controller.Cache;

/// <summary>
/// One object in an informer's cache: its identity, what the controller reads of it, and fingerprints of the rest.
/// The object as read is not kept (managed fields and all): only what <see cref="CacheReading"/> asks for.
/// </summary>
internal sealed class CachedObject
{
    private static readonly IReadOnlyDictionary<string, string> NoEntries =
        FrozenDictionary<string, string>.Empty;

    private readonly byte[]? _content;

    /// <summary>
    /// Reads an object keeping everything a reader may ask for (<see cref="CacheReading.Everything"/>).
    /// </summary>
    /// <param name="kind">The object's kind.</param>
    /// <param name="json">The object as read.</param>
    public CachedObject(ResourceKind kind, JsonElement json)
        : this(kind, json, CacheReading.Everything, null)
    {
    }

    /// <summary>Reads an object, keeping what <paramref name="reading"/> says.</summary>
    /// <param name="kind">The object's kind.</param>
    /// <param name="json">The object as read; not kept.</param>
    /// <param name="reading">What to keep.</param>
    /// <param name="previous">
    /// The earlier state of the same object, if any: when its <see cref="Fingerprint"/> is the same, what it read is
    /// taken instead of reading this one again (only status, managed fields or the resource version changed).
    /// </param>
    public CachedObject(ResourceKind kind, JsonElement json, CacheReading reading, CachedObject? previous)
    {
        Kind = kind;
        var metadata = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("metadata", out var m)
            && m.ValueKind == JsonValueKind.Object ? m : default;
        var ns = kind.Namespaced && String(metadata, "namespace") is { } given ? SharedStrings.Of(given) : null;
        var name = String(metadata, "name") ?? string.Empty;
        var uid = String(metadata, "uid");
        ResourceVersion = String(metadata, "resourceVersion") ?? string.Empty;
        Generation = metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("generation", out var g)
            && g.TryGetInt64(out var value) ? value : null;
        IsTerminating = String(metadata, "deletionTimestamp") is not null;
        Finalizers = metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("finalizers", out var f) && f.ValueKind == JsonValueKind.Array
                ? [.. f.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
                : [];
        Labels = Map(metadata, "labels", sharedValues: true);
        Annotations = Map(metadata, "annotations", sharedValues: false);
        Fingerprint = ContentHash.Fingerprint(json, Labels, Annotations);

        // An echo of a status write (the same fingerprint) keeps what was read of the spec before.
        var unchanged = previous is not null && previous.Fingerprint == Fingerprint;
        Split = kind.Group != SmiGroups.Split || kind.Kind != "TrafficSplit" ? null
            : unchanged ? previous!.Split
            : TrafficSplitReader.Read(json);
        Decoded = unchanged ? previous!.Decoded
            : reading.Decoder is { } decoder ? decoder(kind, json)
            : DecodedObject.None;

        // The snapshot entry names the same object: the cache keeps its reference (and its strings) once.
        var reference = new ResourceRef(kind.ApiVersion, kind.Kind, ns, name) { Uid = uid };
        Ref = Decoded.Entry?.Ref is { } read && read == reference
            && string.Equals(read.ApiVersion, reference.ApiVersion, StringComparison.Ordinal)
            && string.Equals(read.Uid, reference.Uid, StringComparison.Ordinal) ? read : reference;
        var key = KeyOf(Ref.Namespace, Ref.Name);

        // A later state of the object keeps the text its earlier state (and the informer's map) already holds.
        Key = previous is not null && string.Equals(previous.Key, key, StringComparison.Ordinal) ? previous.Key : key;
        if (reading.FieldManager is not null)
        {
            DriftFingerprint = ContentHash.Drift(Fingerprint, json, reading.FieldManager);
        }

        _content = reading.KeepsContent && reading.ContentNotNeeded?.Invoke(Ref, ResourceVersion) != true
            ? KeptContent.Write(json, reading.FieldManager)
            : null;
        Status = reading.KeepsStatus ? ObservedStatus.Read(json) : null;
    }

    public ResourceKind Kind { get; }

    public string? Namespace => Ref.Namespace;

    public string Name => Ref.Name;

    public string? Uid => Ref.Uid;

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
    /// The object as the snapshot holds it (an SMI object as its hub record, a Service, workload or Namespace as what
    /// translation reads of it), read when the object arrived, or taken from its previous state when only its status
    /// or metadata changed; <see cref="DecodedObject.None"/> for objects translation does not read.
    /// </summary>
    public DecodedObject Decoded { get; }

    /// <summary>The snapshot entry, when the object was read (<see cref="Decoded"/>).</summary>
    public SnapshotEntry? Entry => Decoded.Entry;

    /// <summary>Why the object did not decode, when it did not.</summary>
    public string? DecodeError => Decoded.Error;

    /// <summary>
    /// The status conditions, when they are kept (<see cref="CacheReading.KeepsStatus"/>) and present.
    /// </summary>
    public ObservedStatus? Status { get; }

    /// <summary>What the TrafficMetrics API lists of a TrafficSplit; null for other kinds.</summary>
    public TrafficSplitInfo? Split { get; }

    /// <summary>
    /// Whether the object is annotated <c>smi-spec.io/skip: "true"</c>: left out of translation and not reported on.
    /// </summary>
    public bool IsSkipped =>
        string.Equals(
            Annotations.GetValueOrDefault(ControllerConventions.SkipAnnotation),
            "true",
            StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// What about the object can change translation, as a 128-bit hash: everything but metadata and status, plus labels
    /// and annotations. Changes to anything else (status, managed fields, resource version) are ignored.
    /// </summary>
    public UInt128 Fingerprint { get; }

    /// <summary>
    /// What of an output can differ from what the controller applies, as a 128-bit hash: the
    /// <see cref="Fingerprint"/>, owner references, finalizers and the fields the controller's manager owns; zero when
    /// no field manager was given (<see cref="CacheReading.FieldManager"/>).
    /// </summary>
    public UInt128 DriftFingerprint { get; }

    /// <summary>
    /// The object as read, without status (and with only the controller's managed fields, for outputs), parsed anew on
    /// each call; null when it is not kept (<see cref="CacheReading.KeepsContent"/>,
    /// <see cref="CacheReading.ContentNotNeeded"/>).
    /// </summary>
    /// <returns>A new mutable object, or null.</returns>
    public JsonObject? ParseContent() => _content is null ? null : KeptContent.Parse(_content);

    /// <summary>
    /// <c>namespace/name</c> of an object as read, or its name for a cluster-scoped kind (<see cref="Key"/>).
    /// </summary>
    /// <param name="kind">The kind.</param>
    /// <param name="json">The object.</param>
    /// <returns>The key.</returns>
    public static string KeyOf(ResourceKind kind, JsonElement json)
    {
        var metadata = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("metadata", out var m)
            && m.ValueKind == JsonValueKind.Object ? m : default;
        return KeyOf(
            kind.Namespaced ? String(metadata, "namespace") : null, String(metadata, "name") ?? string.Empty);
    }

    /// <summary><c>namespace/name</c>, or the name alone when there is no namespace (<see cref="Key"/>).</summary>
    /// <param name="ns">The namespace; null for a cluster-scoped object.</param>
    /// <param name="name">The name.</param>
    /// <returns>The key.</returns>
    public static string KeyOf(string? ns, string name) => ns is null ? name : ns + "/" + name;

    private static string? String(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A map of strings; its keys (and with <paramref name="sharedValues"/> its values) shared.</summary>
    private static IReadOnlyDictionary<string, string> Map(JsonElement obj, string name, bool sharedValues)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var map)
            || map.ValueKind != JsonValueKind.Object)
        {
            return NoEntries;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in map.EnumerateObject().Where(e => e.Value.ValueKind == JsonValueKind.String))
        {
            var value = entry.Value.GetString()!;
            result[SharedStrings.Of(entry.Name)] = sharedValues ? SharedStrings.Of(value) : value;
        }

        return result.Count == 0 ? NoEntries : result;
    }
}
