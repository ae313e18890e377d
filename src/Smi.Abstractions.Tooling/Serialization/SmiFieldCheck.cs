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

    /// <summary>The paths of the fields the object's version does not define.</summary>
    public static IEnumerable<string> UnknownFields(JsonObject obj) =>
        EveryVersion.Value.Validate(obj)
            .Where(v => v.Message.StartsWith("unknown field", StringComparison.Ordinal))
            .Select(v => v.Path);

    private static JsonObject ServeEveryVersion(JsonObject crd)
    {
        foreach (var version in crd["spec"]?["versions"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            version["served"] = true;
        }

        return crd;
    }
}
