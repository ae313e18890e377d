using System.Text.Json.Nodes;
using Smi.Abstractions.Crds;

namespace Smi.Abstractions.Serialization;

/// <summary>
/// Finds fields an SMI object carries that its version does not define. Typed deserialization would drop them
/// silently (a v1alpha3 TrafficTarget's <c>destination.port</c>, a misspelt <c>podLabelSelectors</c>), widening or
/// changing what the object means, so the loader reports each one.
/// </summary>
internal static class SmiFieldCheck
{
    private static readonly Lazy<CrdCatalog> EveryVersion = new(() =>
        CrdCatalog.FromObjects(SmiCrdGenerator.Generate().Select(ServeEveryVersion)));

    /// <summary>The CRDs of every SMI version, each version served.</summary>
    public static CrdCatalog Catalog => EveryVersion.Value;

    /// <summary>
    /// The paths of the fields the object's version does not define: the <c>unknown field</c> violations of
    /// <see cref="CrdCatalog.Validate"/>, found without its other checks.
    /// </summary>
    public static IEnumerable<string> UnknownFields(JsonObject obj) =>
        EveryVersion.Value.UnknownFields(obj).Select(v => v.Path);

    /// <summary>
    /// The same paths as <see cref="UnknownFields(JsonObject)"/>, found on the object's UTF-8 JSON without building its
    /// JSON nodes.
    /// </summary>
    /// <exception cref="System.Text.Json.JsonException">The text is not JSON or nests too deep.</exception>
    public static IEnumerable<string> UnknownFields(string apiVersion, string kind, ReadOnlySpan<byte> utf8) =>
        EveryVersion.Value.UnknownFields(apiVersion, kind, utf8, YamlShapeCheck.MaxDepth + 1).Select(v => v.Path);

    private static JsonObject ServeEveryVersion(JsonObject crd)
    {
        foreach (var version in crd["spec"]?["versions"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            version["served"] = true;
        }

        return crd;
    }
}
