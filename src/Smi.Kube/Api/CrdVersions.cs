using System.Text.Json.Nodes;

namespace Smi.Kube.Api;

/// <summary>What a CustomResourceDefinition says about its versions.</summary>
/// <param name="Served">The served versions.</param>
/// <param name="WithStatus">The served versions with a status subresource.</param>
internal sealed record CrdVersions(IReadOnlySet<string> Served, IReadOnlySet<string> WithStatus)
{
    /// <summary>The CRD's name, <c>plural.group</c>.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The release the CRD is from (a <c>*bundle-version</c> or <c>*/version</c> annotation).</summary>
    public string? Release { get; init; }

    /// <summary>Each served version's <c>openAPIV3Schema</c>, where it has one.</summary>
    public IReadOnlyDictionary<string, JsonObject> Schemas { get; init; } = new Dictionary<string, JsonObject>();

    /// <summary>
    /// Reads a CRD object (as JSON); <paramref name="fallbackName"/> names it when metadata.name is absent.
    /// </summary>
    /// <param name="crd">The CustomResourceDefinition.</param>
    /// <param name="fallbackName">The name to use when the object has none.</param>
    /// <returns>Its served versions, status subresources, schemas, name and release.</returns>
    public static CrdVersions Parse(JsonObject crd, string fallbackName)
    {
        var versions = (crd["spec"]?["versions"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(v => v["served"] is JsonValue served && served.TryGetValue<bool>(out var on) && on)
            .Where(v => v["name"] is JsonValue)
            .ToList();
        var schemas = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var version in versions)
        {
            if (version["schema"]?["openAPIV3Schema"] is JsonObject schema)
            {
                schemas[NameOf(version)] = (JsonObject)schema.DeepClone();
            }
        }

        var annotations = crd["metadata"]?["annotations"] as JsonObject ?? [];
        return new CrdVersions(
            versions.Select(NameOf).ToHashSet(StringComparer.Ordinal),
            versions.Where(v => v["subresources"]?["status"] is JsonObject)
                .Select(NameOf)
                .ToHashSet(StringComparer.Ordinal))
        {
            Name = crd["metadata"]?["name"]?.GetValue<string>() ?? fallbackName,
            Release = annotations
                .Where(a => a.Key.EndsWith("bundle-version", StringComparison.Ordinal)
                    || a.Key.EndsWith("/version", StringComparison.Ordinal))
                .Select(a => a.Value?.GetValue<string>())
                .FirstOrDefault(),
            Schemas = schemas,
        };
    }

    private static string NameOf(JsonObject version) => version["name"]!.GetValue<string>();
}
