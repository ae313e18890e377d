using System.Text.Json.Nodes;
using Smi.Abstractions.Serialization;
using YamlDotNet.Core;

namespace Smi.Abstractions.Crds;

/// <summary>
/// CustomResourceDefinitions (apiextensions.k8s.io/v1) read from files, and a check of objects against their schemas
/// that follows the API server with strict field validation.
/// </summary>
/// <remarks>
/// <para>
/// Loading reads files and folders (recursively, <c>*.yaml</c> and <c>*.yml</c> in ordinal path order), every
/// document of each. Files that do not parse, such as Helm templates, are listed in <see cref="SkippedFiles"/>;
/// documents that are not v1 CRDs are ignored. When two CRDs define the same group and kind, the one read last wins,
/// as if both had been applied to a cluster in that order.
/// </para>
/// <para>
/// Checked: the object's apiVersion and kind name a served version; <c>apiVersion</c>, <c>kind</c> and
/// <c>metadata</c> (an object) are implicit at the root and in <c>x-kubernetes-embedded-resource</c> objects;
/// <c>type</c> (integers must be integral, <c>number</c> accepts integers), <c>nullable</c>, <c>required</c>,
/// <c>enum</c>, <c>pattern</c> (.NET regular expressions, searched unanchored like the API server's), <c>minLength</c>
/// and <c>maxLength</c> (in runes), <c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>,
/// <c>exclusiveMaximum</c>, <c>multipleOf</c>, <c>minItems</c>, <c>maxItems</c>, <c>minProperties</c>,
/// <c>maxProperties</c>, <c>uniqueItems</c>, <c>format</c> <c>int32</c>/<c>int64</c> ranges,
/// <c>x-kubernetes-int-or-string</c>, <c>x-kubernetes-preserve-unknown-fields</c>, <c>additionalProperties</c>,
/// <c>properties</c>, <c>items</c>, <c>allOf</c>, <c>anyOf</c>, <c>oneOf</c>, <c>not</c>,
/// <c>x-kubernetes-list-type</c> <c>set</c> and <c>map</c> (with <c>x-kubernetes-list-map-keys</c>). A field that is
/// neither in <c>properties</c> nor allowed by <c>additionalProperties</c> or
/// <c>x-kubernetes-preserve-unknown-fields</c> is an "unknown field", which strict field validation refuses. A
/// <c>null</c> in a non-nullable object field counts as absent, because the API server prunes it.
/// </para>
/// <para>
/// Not checked: CEL rules (<c>x-kubernetes-validations</c>) are skipped, because no CEL engine is available; other
/// <c>format</c>s; the contents of <c>metadata</c> (ObjectMeta); whether the schema itself is structural. Defaults are
/// not applied, so a required field that the API server would default is reported missing. Admission webhooks are out
/// of reach, of course.
/// </para>
/// <para>A catalog never changes after loading; <see cref="Validate"/> may be called from several threads at
/// once.</para>
/// </remarks>
public sealed class CrdCatalog
{
    private const string CrdApiVersion = "apiextensions.k8s.io/v1";

    private readonly Dictionary<(string Group, string Kind), CrdDefinition> byGroupKind;

    private CrdCatalog(
        Dictionary<(string Group, string Kind), CrdDefinition> byGroupKind, IReadOnlyList<string> skippedFiles)
    {
        this.byGroupKind = byGroupKind;
        SkippedFiles = skippedFiles;
        Definitions = [.. byGroupKind.Values.OrderBy(d => d.Name, StringComparer.Ordinal)];
    }

    /// <summary>The loaded CRDs, ordered by name.</summary>
    public IReadOnlyList<CrdDefinition> Definitions { get; }

    /// <summary>Files that could not be parsed as YAML and were skipped.</summary>
    public IReadOnlyList<string> SkippedFiles { get; }

    /// <summary>Loads CRDs from files and folders.</summary>
    /// <param name="paths">Files (read whatever their extension) and folders (searched recursively for <c>*.yaml</c>
    /// and <c>*.yml</c>).</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a folder.</exception>
    public static CrdCatalog Load(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var definitions = new Dictionary<(string, string), CrdDefinition>();
        var skipped = new List<string>();
        foreach (var path in paths)
        {
            foreach (var file in Expand(path))
            {
                IReadOnlyList<JsonObject> documents;
                try
                {
                    documents = CrdYaml.ReadObjects(File.ReadAllText(file));
                }
                catch (Exception e) when (e is YamlException or YamlFieldException)
                {
                    skipped.Add(file);
                    continue;
                }

                foreach (var document in documents)
                {
                    Add(definitions, document, file);
                }
            }
        }

        return new CrdCatalog(definitions, skipped);
    }

    /// <summary>
    /// Builds a catalog from CRD objects; documents that are not v1 CRDs are ignored, later ones win.
    /// </summary>
    /// <param name="documents">The CRDs, for example from <see cref="SmiCrdGenerator.Generate()"/>.</param>
    /// <returns>The catalog.</returns>
    public static CrdCatalog FromObjects(IEnumerable<JsonObject> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var definitions = new Dictionary<(string, string), CrdDefinition>();
        foreach (var document in documents)
        {
            Add(definitions, document, null);
        }

        return new CrdCatalog(definitions, []);
    }

    /// <summary>Finds the CRD of a group and kind.</summary>
    /// <param name="group">The API group.</param>
    /// <param name="kind">The kind.</param>
    /// <returns>The CRD, or <see langword="null"/>.</returns>
    public CrdDefinition? Find(string group, string kind) => byGroupKind.GetValueOrDefault((group, kind));

    /// <summary>Whether a loaded CRD serves this apiVersion and kind.</summary>
    /// <param name="apiVersion"><c>group/version</c>.</param>
    /// <param name="kind">The kind.</param>
    /// <returns><see langword="true"/> when a CRD defines the version with <c>served: true</c>.</returns>
    public bool Serves(string apiVersion, string kind)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        var (group, version) = Split(apiVersion);
        return Find(group, kind)?.FindVersion(version) is { Served: true };
    }

    /// <summary>
    /// Checks an object against the schema of its apiVersion and kind; see the remarks on <see cref="CrdCatalog"/>.
    /// </summary>
    /// <param name="obj">The object.</param>
    /// <returns>Every violation found, in document order; empty when the API server would accept the object.</returns>
    public IReadOnlyList<CrdViolation> Validate(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var violations = new List<CrdViolation>();
        if (VersionOf(obj, violations) is { } crdVersion)
        {
            SchemaValidator.ValidateRoot(obj, crdVersion.Schema, violations);
        }

        return violations;
    }

    /// <summary>
    /// The <c>unknown field</c> violations of <see cref="Validate"/>, in the same order, found without its other
    /// checks.
    /// </summary>
    /// <param name="obj">The object.</param>
    /// <returns>The fields the schema of the object's version does not define.</returns>
    internal IReadOnlyList<CrdViolation> UnknownFields(JsonObject obj)
    {
        var violations = new List<CrdViolation>();
        if (VersionOf(obj, violations) is not { Schema: { } schema })
        {
            return [];
        }

        SchemaValidator.FindUnknownFields(obj, schema, violations);
        return violations;
    }

    /// <summary>
    /// The <c>unknown field</c> violations of <see cref="UnknownFields(JsonObject)"/>, found on the object's UTF-8
    /// JSON without building its JSON nodes.
    /// </summary>
    /// <param name="apiVersion">The object's apiVersion.</param>
    /// <param name="kind">The object's kind.</param>
    /// <param name="utf8">The object as UTF-8 JSON.</param>
    /// <param name="maxDepth">The deepest nesting read.</param>
    /// <returns>The fields the schema of the object's version does not define.</returns>
    /// <exception cref="System.Text.Json.JsonException">The text is not JSON or nests too deep.</exception>
    internal IReadOnlyList<CrdViolation> UnknownFields(
        string apiVersion, string kind, ReadOnlySpan<byte> utf8, int maxDepth)
    {
        var violations = new List<CrdViolation>();
        if (VersionOf(apiVersion, kind, violations) is not { Schema: { } schema })
        {
            return [];
        }

        Utf8UnknownFieldWalk.Find(utf8, schema, maxDepth, violations);
        return violations;
    }

    /// <summary>The CRD version of the object's apiVersion and kind, or <see langword="null"/> with why not.</summary>
    private CrdVersion? VersionOf(JsonObject obj, List<CrdViolation> violations) =>
        VersionOf(JsonFacts.AsString(obj["apiVersion"]), JsonFacts.AsString(obj["kind"]), violations);

    /// <summary>The CRD version of an apiVersion and kind, or <see langword="null"/> with why not.</summary>
    private CrdVersion? VersionOf(string? apiVersion, string? kind, List<CrdViolation> violations)
    {
        if (string.IsNullOrEmpty(apiVersion))
        {
            violations.Add(new CrdViolation("apiVersion", "Required value: apiVersion must be a non-empty string"));
        }

        if (string.IsNullOrEmpty(kind))
        {
            violations.Add(new CrdViolation("kind", "Required value: kind must be a non-empty string"));
        }

        if (violations.Count > 0)
        {
            return null;
        }

        var (group, version) = Split(apiVersion!);
        var definition = Find(group, kind!);
        if (definition is null)
        {
            var others = byGroupKind.Keys.Where(k => k.Group == group).Select(k => k.Kind).Order(StringComparer.Ordinal)
                .ToList();
            violations.Add(new CrdViolation("kind", others.Count > 0
                ? $"no CustomResourceDefinition for kind {kind} in group \"{group}\" is loaded; the group has: "
                    + $"{string.Join(", ", others)}"
                : $"no CustomResourceDefinition for kind {kind} in group \"{group}\" is loaded"));
            return null;
        }

        var crdVersion = definition.FindVersion(version);
        if (crdVersion is null)
        {
            violations.Add(new CrdViolation(
                "apiVersion",
                $"{definition.Name} does not define version {version}; served versions: {Served(definition)}"));
            return null;
        }

        if (!crdVersion.Served)
        {
            violations.Add(new CrdViolation(
                "apiVersion",
                $"version {version} of {definition.Name} is not served; served versions: {Served(definition)}"));
            return null;
        }

        return crdVersion;
    }

    private static string Served(CrdDefinition definition) =>
        string.Join(", ", definition.Versions.Where(v => v.Served).Select(v => v.Name));

    private static (string Group, string Version) Split(string apiVersion)
    {
        var slash = apiVersion.LastIndexOf('/');
        return slash < 0 ? (string.Empty, apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }

    private static IEnumerable<string> Expand(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(
                    ".yml", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
        }

        throw new FileNotFoundException($"no such file or folder: {path}", path);
    }

    /// <summary>Walks the whole tree once, so that nodes parsed lazily are built before concurrent reads.</summary>
    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Materialize(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Materialize(child);
                }

                break;
        }
    }

    private static void Add(
        Dictionary<(string, string), CrdDefinition> definitions, JsonObject document, string? source)
    {
        if (JsonFacts.AsString(document["apiVersion"]) != CrdApiVersion
            || JsonFacts.AsString(document["kind"]) != "CustomResourceDefinition"
            || document["spec"] is not JsonObject spec
            || JsonFacts.AsString(spec["group"]) is not { } group
            || spec["names"] is not JsonObject names
            || JsonFacts.AsString(names["kind"]) is not { Length: > 0 } kind)
        {
            return;
        }

        Materialize(document);
        var plural = JsonFacts.AsString(names["plural"]) ?? string.Empty;
        var name = JsonFacts.AsString((document["metadata"] as JsonObject)?["name"]) ?? $"{plural}.{group}";
        var versions = (spec["versions"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(v => JsonFacts.AsString(v["name"]) is not null)
            .Select(v => new CrdVersion(
                JsonFacts.AsString(v["name"])!,
                JsonFacts.IsTrue(v["served"]),
                JsonFacts.IsTrue(v["storage"]),
                (v["schema"] as JsonObject)?["openAPIV3Schema"] as JsonObject))
            .ToList();
        definitions[(group, kind)] = new CrdDefinition(
            name, group, kind, plural, JsonFacts.AsString(spec["scope"]) ?? "Namespaced", versions, document, source);
    }
}
