using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;
using Smi.Abstractions.Conversion;
using Smi.Abstractions.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Smi.Abstractions.Serialization;

/// <summary>
/// Reads multi-document YAML and JSON manifests (files, folders, standard input) into typed objects: every version of
/// every SMI kind, and the Kubernetes kinds translation needs as context (Service, ServiceAccount, Deployment,
/// StatefulSet, DaemonSet, ReplicaSet, Pod, Namespace). Other kinds are skipped with an info diagnostic. A broken
/// document
/// yields a diagnostic with file and line and does not stop the others.
/// </summary>
public sealed class ManifestLoader
{
    private static readonly ImmutableDictionary<(string ApiVersion, string Kind), (Type, Func<string, object?>)>
        ContextKinds = new Dictionary<(string, string), (Type, Func<string, object?>)>
        {
            [("v1", "Service")] = Kind<V1Service>(),
            [("v1", "ServiceAccount")] = Kind<V1ServiceAccount>(),
            [("v1", "Pod")] = Kind<V1Pod>(),
            [("v1", "Namespace")] = Kind<V1Namespace>(),
            [("apps/v1", "Deployment")] = Kind<V1Deployment>(),
            [("apps/v1", "StatefulSet")] = Kind<V1StatefulSet>(),
            [("apps/v1", "DaemonSet")] = Kind<V1DaemonSet>(),
            [("apps/v1", "ReplicaSet")] = Kind<V1ReplicaSet>(),
        }.ToImmutableDictionary();

    // The serializer's metadata of each type read, looked up once rather than per object.
    private static readonly ConcurrentDictionary<Type, JsonTypeInfo> TypeInfos = new();

    // Documents nest at most YamlShapeCheck.MaxDepth levels below the root, one more than the parser's default.
    private static readonly JsonDocumentOptions NodeOptions = new() { MaxDepth = YamlShapeCheck.MaxDepth + 1 };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? Utf8Buffer;

    /// <summary>
    /// How many objects given as parsed JSON this thread has read straight from their UTF-8 JSON: what tests tell
    /// the two paths of <see cref="LoadObject(JsonElement, string, string, SourceLocation)"/> apart by.
    /// </summary>
    [ThreadStatic]
    internal static int ElementsReadAsUtf8;

    /// <summary>The namespace given to namespaced objects that name none. Default <c>default</c>.</summary>
    public string DefaultNamespace { get; init; } = "default";

    /// <summary>The file extensions read from folders.</summary>
    public static IReadOnlyList<string> ManifestExtensions { get; } = [".yaml", ".yml", ".json"];

    /// <summary>
    /// How much input <see cref="LoadPaths"/> reads: per file and in all. Default <see cref="InputLimits.Default"/>.
    /// </summary>
    public InputLimits Limits { get; init; } = InputLimits.Default;

    /// <summary>
    /// Reads files, folders (recursively, in name order) and <c>-</c> for standard input, within <see cref="Limits"/>:
    /// regular files only, no symbolic link out of a folder named, UTF-8 only; each refusal is a diagnostic.
    /// </summary>
    /// <param name="paths">The paths.</param>
    /// <param name="stdin">What <c>-</c> reads; <see cref="Console.In"/> when <see langword="null"/>.</param>
    /// <returns>Everything read.</returns>
    public LoadResult LoadPaths(IEnumerable<string> paths, TextReader? stdin = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return LoadResult.Join(LoadPathsByFile(paths, stdin));
    }

    /// <summary>
    /// Reads as <see cref="LoadPaths"/> does, one file at a time as the sequence is enumerated, so that a caller
    /// which keeps only what it needs of each file need not hold every object read at once. The parts, joined in
    /// order, are what <see cref="LoadPaths"/> returns: objects and diagnostics in the same order.
    /// </summary>
    /// <param name="paths">The paths.</param>
    /// <param name="stdin">What <c>-</c> reads; <see cref="Console.In"/> when <see langword="null"/>.</param>
    /// <returns>
    /// One part per file read, with the refusals reported before it; a last part without objects for refusals after
    /// the last file.
    /// </returns>
    public IEnumerable<LoadResult> LoadPathsByFile(IEnumerable<string> paths, TextReader? stdin = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return LoadPathsByFileIterator(paths, stdin);
    }

    private IEnumerable<LoadResult> LoadPathsByFileIterator(IEnumerable<string> paths, TextReader? stdin)
    {
        var pending = new List<Diagnostic>();
        var reader = new InputReader(Limits);
        foreach (var path in paths)
        {
            foreach (var (name, text) in Read(path, reader, stdin ?? Console.In, pending))
            {
                var result = LoadText(text, name);
                if (pending.Count > 0)
                {
                    result = result with { Diagnostics = [.. pending, .. result.Diagnostics] };
                    pending.Clear();
                }

                yield return result;
            }
        }

        if (pending.Count > 0)
        {
            yield return new LoadResult([], [.. pending]);
        }
    }

    /// <summary>Reads every document of one YAML or JSON text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="fileName">The name diagnostics give as location.</param>
    /// <returns>Everything read.</returns>
    public LoadResult LoadText(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var objects = ImmutableArray.CreateBuilder<LoadedObject>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        // Plain block manifests are read by a reader of that subset; the rest by the parser's events.
        if ((BlockManifestReader.TryRead(text) ?? YamlDocumentReader.TryRead(text)) is { } documents)
        {
            foreach (var document in documents)
            {
                var location = new SourceLocation(fileName, document.FirstLine);
                if (!TryLoadPlain(document, location, objects, TypeInfoOf)
                    && !TryLoadSmi(document, location, objects, diagnostics, TypeInfoOf))
                {
                    var root = document.Utf8Json is { } utf8 ? JsonNode.Parse(utf8, null, NodeOptions) : null;
                    LoadRoot(root, location, objects, diagnostics, document.Utf8Json);
                }
            }
        }
        else
        {
            // Something only the per-document reader reports at its line: a syntax error, an alias, a duplicate key.
            foreach (var (documentText, firstLine) in SplitDocuments(text))
            {
                LoadDocument(documentText, fileName, firstLine, objects, diagnostics);
            }
        }

        return new LoadResult(objects.ToImmutable(), diagnostics.ToImmutable());
    }

    /// <summary>
    /// Reads one object already parsed as JSON, such as an object listed or watched from the API server: the same
    /// checks and diagnostics as a manifest document, without reading it as YAML.
    /// </summary>
    /// <param name="obj">The object, with apiVersion and kind.</param>
    /// <param name="location">The location diagnostics give.</param>
    /// <returns>Everything read.</returns>
    public LoadResult LoadObject(JsonObject obj, SourceLocation location)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(location);
        var objects = ImmutableArray.CreateBuilder<LoadedObject>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        LoadObject(obj, location, objects, diagnostics, keepNodes: true);
        return new LoadResult(objects.ToImmutable(), diagnostics.ToImmutable());
    }

    /// <summary>
    /// Reads one object listed or watched from the API server, given as parsed: what
    /// <see cref="LoadObject(JsonObject, SourceLocation)"/> gives for its JSON nodes with <paramref name="apiVersion"/>
    /// and <paramref name="kind"/> set, the same objects and diagnostics in the same order. An object of an SMI or
    /// context kind that needs none of the checks made on JSON nodes is read straight from its UTF-8 JSON, without
    /// building the nodes. One difference: the typed objects carry no <c>metadata.managedFields</c>, which the API
    /// server writes and checks itself (their JSON as read keeps them).
    /// </summary>
    /// <param name="obj">The object (list items may come without apiVersion and kind).</param>
    /// <param name="apiVersion">The apiVersion it was listed in, set on the object.</param>
    /// <param name="kind">Its kind, set on the object.</param>
    /// <param name="location">The location diagnostics give.</param>
    /// <returns>Everything read.</returns>
    public LoadResult LoadObject(JsonElement obj, string apiVersion, string kind, SourceLocation location)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(location);
        var objects = ImmutableArray.CreateBuilder<LoadedObject>(1);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        if (JsonElementDocument.Read(obj, apiVersion, kind) is { } document
            && (TryLoadPlain(document, location, objects, ListedTypeInfos.Of)
                || TryLoadSmi(document, location, objects, diagnostics, ListedTypeInfos.Of)))
        {
            ElementsReadAsUtf8++;
            return new LoadResult(objects.ToImmutable(), diagnostics.ToImmutable());
        }

        var nodes = JsonObject.Create(obj.Clone())!;
        nodes["apiVersion"] = apiVersion;
        nodes["kind"] = kind;
        var loaded = LoadObject(nodes, location);
        foreach (var read in loaded.Objects)
        {
            ListedTypeInfos.Clear(read.Resource);
        }

        return loaded;
    }

    private void LoadDocument(
        string text,
        string fileName,
        int firstLine,
        ImmutableArray<LoadedObject>.Builder objects,
        ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (YamlShapeCheck.Check(text) is { } refused)
        {
            var at = new SourceLocation(fileName, firstLine + Math.Max(refused.Line, 1) - 1);
            var message = $"the document is not valid YAML: {refused.Message}";
            diagnostics.Add(Diagnostic.Error(SmiReasons.MalformedYaml, null, null, message) with { Location = at });
            return;
        }

        JsonNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0)
            {
                return;
            }

            root = YamlJsonBridge.ToJson(stream.Documents[0].RootNode, string.Empty);
        }
        catch (YamlException e)
        {
            diagnostics.Add(Diagnostic.Error(
                SmiReasons.MalformedYaml, null, null, $"the document is not valid YAML: {TrimMark(e.Message)}")
                with { Location = new SourceLocation(fileName, firstLine + (int)e.Start.Line - 1) });
            return;
        }
        catch (YamlFieldException e)
        {
            diagnostics.Add(Diagnostic.Error(
                SmiReasons.MalformedYaml, null, e.FieldPath, $"the document is not valid: {e.Message}")
                with { Location = new SourceLocation(fileName, firstLine + (int)e.Start.Line - 1) });
            return;
        }

        LoadRoot(root, new SourceLocation(fileName, firstLine), objects, diagnostics);
    }

    private void LoadRoot(
        JsonNode? root,
        SourceLocation location,
        ImmutableArray<LoadedObject>.Builder objects,
        ImmutableArray<Diagnostic>.Builder diagnostics,
        byte[]? utf8Json = null)
    {
        if (root is null)
        {
            return;
        }

        if (root is not JsonObject obj)
        {
            diagnostics.Add(Diagnostic.Error(
                SmiReasons.MalformedManifest,
                null,
                null,
                "a manifest document must be a mapping with apiVersion, kind and metadata")
                with { Location = location });
            return;
        }

        LoadObject(obj, location, objects, diagnostics, keepNodes: false, utf8Json);
    }

    /// <summary>
    /// Reads one object; <paramref name="keepNodes"/> keeps the caller's JSON nodes rather than UTF-8 JSON, and
    /// <paramref name="utf8Json"/> is the object as UTF-8 JSON when the caller has it already.
    /// </summary>
    private void LoadObject(
        JsonObject obj,
        SourceLocation location,
        ImmutableArray<LoadedObject>.Builder objects,
        ImmutableArray<Diagnostic>.Builder diagnostics,
        bool keepNodes,
        byte[]? utf8Json = null)
    {
        var apiVersion = (obj["apiVersion"] as JsonValue)?.GetValueKind() == JsonValueKind.String
            ? obj["apiVersion"]!.GetValue<string>() : null;
        var kind = (obj["kind"] as JsonValue)?.GetValueKind() == JsonValueKind.String
            ? obj["kind"]!.GetValue<string>() : null;
        if (RepositoryFiles.Recognize(obj, apiVersion, kind) is { } skipped)
        {
            diagnostics.Add(skipped with { Location = location });
            return;
        }

        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            diagnostics.Add(Diagnostic.Error(
                SmiReasons.MalformedManifest,
                null,
                string.IsNullOrEmpty(apiVersion) ? "apiVersion" : "kind",
                "every manifest needs a string apiVersion and kind") with { Location = location });
            return;
        }

        if (kind.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray items)
        {
            foreach (var item in items.OfType<JsonObject>())
            {
                LoadObject(item, location, objects, diagnostics, keepNodes);
            }

            return;
        }

        // The object as read is kept unchanged; a copy is made only where one is changed before typing it (a default
        // namespace filled in, HTTPRouteGroup headers normalized).
        var original = obj;
        var metadata = obj["metadata"] as JsonObject;
        var name = (metadata?["name"] as JsonValue)?.GetValueKind() == JsonValueKind.String
            ? metadata!["name"]!.GetValue<string>() : string.Empty;
        var ns = (metadata?["namespace"] as JsonValue)?.GetValueKind() == JsonValueKind.String
            ? metadata!["namespace"]!.GetValue<string>() : null;
        var namespaced = !(apiVersion == "v1" && kind == "Namespace");
        var smiVersion = SmiVersions.Find(apiVersion, kind);
        if ((namespaced && string.IsNullOrEmpty(ns)) || smiVersion?.Kind == "HTTPRouteGroup")
        {
            obj = (JsonObject)obj.DeepClone();
            metadata = obj["metadata"] as JsonObject;
        }

        if (namespaced && string.IsNullOrEmpty(ns))
        {
            ns = DefaultNamespace;
            if (metadata is not null)
            {
                metadata["namespace"] = ns;
            }
        }

        var reference = new ResourceRef(apiVersion, kind, namespaced ? ns : null, name);
        if (metadata is null || name.Length == 0)
        {
            diagnostics.Add(Diagnostic.Error(
                SmiReasons.MissingName,
                reference,
                "metadata.name",
                "every manifest needs metadata.name") with { Location = location });
            return;
        }

        if (WronglyTypedField(original) is { } wrong)
        {
            var refused = Diagnostic.Error(SmiReasons.InvalidField, reference, wrong.Path, wrong.Message);
            diagnostics.Add(refused with { Location = location });
            return;
        }

        if (HasNullItem(original) && FirstNullItem(original, string.Empty) is { } nullItem)
        {
            const string message = "expected a mapping or a value, got null: a list item is empty";
            var error = Diagnostic.Error(SmiReasons.InvalidField, reference, nullItem, message)
                with { Location = location };
            diagnostics.Add(error);
            return;
        }

        Func<string, object?> deserialize;
        Type type;
        if (smiVersion is not null)
        {
            if (smiVersion.Kind == "HTTPRouteGroup")
            {
                if (!HeaderEncoding.NormalizeToMap(obj, out var headerError))
                {
                    diagnostics.Add(Diagnostic.Error(
                        SmiReasons.InvalidHeaders,
                        reference,
                        headerError.Path,
                        headerError.Message) with { Location = location });
                    return;
                }
            }

            foreach (var unknown in SmiFieldCheck.UnknownFields(original))
            {
                diagnostics.Add(UnknownField(reference, unknown, location));
            }

            deserialize = smiVersion.Deserialize;
            type = smiVersion.ResourceType;
        }
        else if (SmiVersions.IsSmiGroup(apiVersion))
        {
            var known = string.Join(", ", SmiVersions.All.Where(v => v.Kind == kind).Select(v => v.ApiVersion));
            diagnostics.Add(Diagnostic.Error(
                SmiReasons.UnknownApiVersion,
                reference,
                "apiVersion",
                known.Length > 0
                    ? $"{apiVersion} does not define {kind}; use one of: {known}"
                    : $"{apiVersion} {kind} is not an SMI kind this tool knows") with { Location = location });
            return;
        }
        else if (ContextKinds.TryGetValue((apiVersion, kind), out var context))
        {
            (type, deserialize) = context;
        }
        else
        {
            diagnostics.Add(Diagnostic.Info(
                SmiReasons.IgnoredKind,
                reference,
                null,
                $"{apiVersion} {kind} plays no part in SMI translation and is skipped") with { Location = location });
            return;
        }

        try
        {
            // Straight from the JSON nodes; a value the typed reader refuses is read again from text, whose errors
            // the messages below are worded for.
            var typed = TryDeserialize(obj, type) ?? deserialize(obj.ToJsonString());
            if (typed is null)
            {
                return;
            }

            // A document read from a file is kept as UTF-8 JSON, not as its JSON nodes: the nodes die young, and a
            // large input does not hold (and the collector does not trace) a tree of nodes per object that is rarely
            // read. An object the caller parsed is the caller's already: it is kept as given, not written out again.
            var read = reference with { Uid = (metadata["uid"] as JsonValue)?.ToString() };
            objects.Add(keepNodes
                ? new LoadedObject(typed, read, location, original)
                : new LoadedObject(typed, read, location, utf8Json ?? Utf8(original)));
        }
        catch (JsonException e)
        {
            var path = e.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : e.Path;
            var message = FieldTypeWords.Describe(e, ValueKindAt(obj, path));
            diagnostics.Add(Diagnostic.Error(SmiReasons.InvalidField, reference, path, message)
                with { Location = location });
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or InvalidOperationException
            or ArgumentException or OverflowException)
        {
            // Converters of the Kubernetes models throw these for values of the wrong shape (targetPort: true).
            const string message = "a value has the wrong type or format; check the object against its schema";
            diagnostics.Add(Diagnostic.Error(SmiReasons.InvalidField, reference, "spec", message)
                with { Location = location });
        }
    }

    /// <summary>
    /// Reads a document of a context kind straight from its UTF-8 JSON, when nothing in it needs the checks made on
    /// JSON nodes (a null, a header, a field of the wrong type, a missing name or namespace, a list): the typed object
    /// without building the nodes. Anything else, or a value the typed reader refuses, is left to the node path,
    /// which reports it.
    /// </summary>
    private static bool TryLoadPlain(
        YamlJsonDocument document,
        SourceLocation location,
        ImmutableArray<LoadedObject>.Builder objects,
        Func<Type, JsonTypeInfo> typeInfoOf)
    {
        if (document is not
            {
                Utf8Json: { } utf8, IsMapping: true, NeedsNodeChecks: false,
                ApiVersion: { Length: > 0 } apiVersion, Kind: { Length: > 0 } kind, Name: { Length: > 0 } name,
            }
            || !ContextKinds.TryGetValue((apiVersion, kind), out var context))
        {
            return false;
        }

        var namespaced = !(apiVersion == "v1" && kind == "Namespace");
        if (namespaced && string.IsNullOrEmpty(document.Namespace))
        {
            return false;
        }

        if (TryDeserialize(utf8, typeInfoOf(context.Item1)) is not { } typed)
        {
            return false;
        }

        var reference = new ResourceRef(apiVersion, kind, namespaced ? document.Namespace : null, name)
        {
            Uid = document.Uid,
        };
        objects.Add(new LoadedObject(typed, reference, location, utf8));
        return true;
    }

    /// <summary>
    /// Reads a document of an SMI kind straight from its UTF-8 JSON, when nothing in it needs the checks made on JSON
    /// nodes (a null, a field of the wrong type, a missing name or namespace, the headers of an HTTPRouteGroup): the
    /// unknown-field walk on the UTF-8 JSON and the typed object, without building the nodes. Anything else, or a
    /// value the typed reader refuses, is left to the node path, which reports it.
    /// </summary>
    private static bool TryLoadSmi(
        YamlJsonDocument document,
        SourceLocation location,
        ImmutableArray<LoadedObject>.Builder objects,
        ImmutableArray<Diagnostic>.Builder diagnostics,
        Func<Type, JsonTypeInfo> typeInfoOf)
    {
        if (document is not
            {
                Utf8Json: { } utf8, IsMapping: true, HasNullOrMistypedFact: false,
                ApiVersion: { Length: > 0 } apiVersion, Kind: { Length: > 0 } kind, Name: { Length: > 0 } name,
                Namespace: { Length: > 0 } ns,
            }
            || SmiVersions.Find(apiVersion, kind) is not { } smiVersion
            || (document.HasHeaders && smiVersion.Kind == "HTTPRouteGroup"))
        {
            return false;
        }

        List<string> unknownFields;
        try
        {
            unknownFields = [.. SmiFieldCheck.UnknownFields(apiVersion, kind, utf8)];
        }
        catch (JsonException)
        {
            return false;
        }

        if (TryDeserialize(utf8, typeInfoOf(smiVersion.ResourceType)) is not { } typed)
        {
            return false;
        }

        var reference = new ResourceRef(apiVersion, kind, ns, name);
        foreach (var unknown in unknownFields)
        {
            diagnostics.Add(UnknownField(reference, unknown, location));
        }

        objects.Add(new LoadedObject(typed, reference with { Uid = document.Uid }, location, utf8));
        return true;
    }

    private static Diagnostic UnknownField(ResourceRef reference, string field, SourceLocation location) =>
        Diagnostic.Warning(
            SmiReasons.UnknownField,
            reference,
            field,
            $"{reference.ApiVersion} {reference.Kind} has no field {field}; it is ignored. Check the spelling, or move "
                + "the object to a version that has the field (smi convert)") with { Location = location };

    private static JsonTypeInfo TypeInfoOf(Type type) =>
        TypeInfos.GetOrAdd(type, t => KubernetesJsonOptions.Value.GetTypeInfo(t));

    private static byte[] Utf8(JsonObject obj)
    {
        var buffer = Utf8Buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            obj.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static object? TryDeserialize(byte[] utf8, JsonTypeInfo typeInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8, typeInfo);
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException
            or InvalidOperationException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    private static object? TryDeserialize(JsonObject obj, Type type)
    {
        try
        {
            return obj.Deserialize(TypeInfoOf(type));
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException
            or InvalidOperationException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    private static IEnumerable<(string Name, string Text)> Read(
        string path, InputReader reader, TextReader stdin, List<Diagnostic> diagnostics)
    {
        if (path == "-")
        {
            if (reader.ReadText(stdin, path, diagnostics) is { } text)
            {
                yield return (path, text);
            }

            yield break;
        }

        if (FileKinds.Of(path) == FileKind.Missing)
        {
            diagnostics.Add(Diagnostic.Error(
                    SmiReasons.FileNotFound, null, null, $"{path} is neither a file nor a folder")
                with { Location = new SourceLocation(path, 0) });
            yield break;
        }

        if (!Directory.Exists(path))
        {
            if (reader.ReadText(path, diagnostics) is { } text)
            {
                yield return (path, text);
            }

            yield break;
        }

        var files = reader.Find(
            path,
            IsManifest,
            skipHiddenFolders: false,
            diagnostics);
        // A link to another manifest of the folder is skipped: the file is read where it is.
        foreach (var file in files.Where(f => f.LinkTarget is not { } target || !IsManifest(target)))
        {
            if (reader.ReadText(file.Path, diagnostics) is { } text)
            {
                yield return (file.Path, text);
            }
        }
    }

    private static (Type, Func<string, object?>) Kind<T>() => (typeof(T), json => KubernetesJson.Deserialize<T>(json));

    private static bool IsManifest(string path) =>
        ManifestExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>Splits a stream at <c>---</c> lines, keeping each document's first line number.</summary>
    internal static IEnumerable<(string Text, int FirstLine)> SplitDocuments(string text)
    {
        var current = new StringBuilder();
        var firstLine = 1;
        var lineNumber = 0;
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.StartsWith("---", StringComparison.Ordinal) && (line.Length == 3 || char.IsWhiteSpace(line[3])))
            {
                if (current.Length > 0)
                {
                    yield return (current.ToString(), firstLine);
                }

                current.Clear();
                var rest = line[3..].Trim();
                if (rest.Length > 0 && !rest.StartsWith('#'))
                {
                    current.Append(rest).Append('\n');
                    firstLine = lineNumber;
                }
                else
                {
                    firstLine = lineNumber + 1;
                }

                continue;
            }

            if (line == "...")
            {
                continue;
            }

            if (current.Length == 0)
            {
                firstLine = lineNumber;
            }

            current.Append(line).Append('\n');
        }

        if (current.Length > 0)
        {
            yield return (current.ToString(), firstLine);
        }
    }

    private static string TrimMark(string message) => YamlShapeCheck.TrimMark(message);

    /// <summary>
    /// A field that would otherwise be coerced silently: <c>metadata.name</c> or <c>metadata.namespace</c> that is not
    /// a string (<c>namespace: 5</c> must not become <c>default</c>), or a TrafficSplit backend weight written as null
    /// (which must not become 0).
    /// </summary>
    private static (string Path, string Message)? WronglyTypedField(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            foreach (var field in (string[])["name", "namespace"])
            {
                if (metadata.TryGetPropertyValue(field, out var value) && value?.GetValueKind() is var kind
                    && kind != JsonValueKind.String)
                {
                    var got = FieldTypeWords.Got(kind ?? JsonValueKind.Null);
                    return ($"metadata.{field}", $"expected a string, got {got}");
                }
            }
        }

        if ((obj["spec"] as JsonObject)?["backends"] is JsonArray backends)
        {
            for (var i = 0; i < backends.Count; i++)
            {
                if (backends[i] is JsonObject backend && backend.TryGetPropertyValue("weight", out var weight)
                    && weight is null)
                {
                    var path = string.Create(CultureInfo.InvariantCulture, $"spec.backends[{i}].weight");
                    return (path, "expected a number, got null: give the weight, or leave the field out");
                }
            }
        }

        return obj["spec"] is JsonObject spec && HasKey(spec, "headers") ? NullHeaderValue(spec, "spec") : null;
    }

    /// <summary>
    /// A header match whose value is null (<c>headers: {user-agent: null}</c>, in the map or the list encoding):
    /// the match would have no regex, so it is refused rather than read as "any value".
    /// </summary>
    private static (string Path, string Message)? NullHeaderValue(JsonNode? node, string path)
    {
        const string message = "expected a string, got null: give the header's value regex";
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var childPath = $"{path}.{key}";
                    var entries = key == "headers" ? HeaderEntries(value) : [];
                    foreach (var (name, headerValue) in entries)
                    {
                        if (headerValue is null)
                        {
                            return ($"{childPath}.{name}", message);
                        }
                    }

                    if (NullHeaderValue(value, childPath) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
                    if (NullHeaderValue(array[i], itemPath) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> HeaderEntries(JsonNode? headers) => headers switch
    {
        JsonObject map => map,
        JsonArray list => list.OfType<JsonObject>().SelectMany(entry => entry),
        _ => [],
    };

    /// <summary>Whether a mapping anywhere under the node has the key; a walk that spells out no paths.</summary>
    private static bool HasKey(JsonNode? node, string key)
    {
        if (node is JsonObject obj)
        {
            if (obj.ContainsKey(key))
            {
                return true;
            }

            foreach (var (_, value) in obj)
            {
                if (HasKey(value, key))
                {
                    return true;
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                if (HasKey(item, key))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether any list under the node has a null item; a walk that spells out no paths.</summary>
    private static bool HasNullItem(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (_, value) in obj)
            {
                if (HasNullItem(value))
                {
                    return true;
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is null || HasNullItem(item))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The path of the first list item that is null, such as <c>spec.ports[0]</c>, if any.</summary>
    private static string? FirstNullItem(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (FirstNullItem(value, path.Length == 0 ? key : $"{path}.{key}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
                    if (array[i] is null)
                    {
                        return itemPath;
                    }

                    if (FirstNullItem(array[i], itemPath) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>The kind of the value at a path such as <c>spec.ports[0].port</c>, if the path leads to one.</summary>
    private static JsonValueKind? ValueKindAt(JsonObject obj, string? path)
    {
        JsonNode? node = obj;
        foreach (var part in (path ?? string.Empty).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part;
            var indexes = new List<int>();
            while (name.EndsWith(']') && name.LastIndexOf('[') is var open and > -1
                && int.TryParse(name[(open + 1)..^1], CultureInfo.InvariantCulture, out var index))
            {
                indexes.Insert(0, index);
                name = name[..open];
            }

            node = name.Length == 0 ? node : (node as JsonObject)?[name];
            foreach (var index in indexes)
            {
                node = node is JsonArray array && index < array.Count ? array[index] : null;
            }

            if (node is null)
            {
                return null;
            }
        }

        return node?.GetValueKind();
    }
}
