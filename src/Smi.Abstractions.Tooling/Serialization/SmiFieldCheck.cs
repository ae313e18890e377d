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

    private static JsonObject ServeEveryVersion(JsonObject crd)
    {
        foreach (var version in crd["spec"]?["versions"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            version["served"] = true;
        }

        return crd;
    }
}
