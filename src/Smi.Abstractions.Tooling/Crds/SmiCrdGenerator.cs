using System.Text.Json.Nodes;
using Smi.Abstractions.Conversion;

namespace Smi.Abstractions.Crds;

/// <summary>
/// Generates the CustomResourceDefinitions of the SMI kinds from the typed resources registered in
/// <see cref="SmiVersions.All"/>, by reflection, so that every registered version appears without further work.
/// </summary>
/// <remarks>
/// <para>
/// Per group and kind: one CRD, namespaced, with names (plural, singular, kind, listKind and the SMI short names),
/// a <c>status</c> subresource when the resource has a status, and for TrafficSplit the printer column
/// <c>Service</c> = <c>.spec.service</c>. The newest registered version (by Kubernetes version priority) is the
/// storage version. By default (conversion <c>None</c>) a version is served only when its schema equals the storage
/// version's; other versions are listed with <c>served: false</c>, since with conversion <c>None</c> the API server
/// would silently drop their extra fields. With <c>serveEveryVersion</c> every version is served, for CRDs whose
/// conversion goes through a webhook that converts between versions without loss.
/// </para>
/// <para>
/// Schemas: <see cref="string"/> is <c>string</c>, integral types are <c>integer</c>, <see cref="decimal"/> and
/// floating point types are <c>number</c>, lists are <c>array</c>, string-keyed dictionaries are objects with
/// <c>additionalProperties</c>, and other classes are objects with <c>properties</c>; <c>[JsonRequired]</c> and C#
/// <c>required</c> members are required. Descriptions are left out. Two SMI special cases make every object the
/// official CRDs accept acceptable here too: HTTPRouteGroup <c>headers</c> keeps any value
/// (<c>x-kubernetes-preserve-unknown-fields</c>), because it is a map or a list of one-entry maps; TrafficSplit
/// <c>weight</c> is an int-or-string (a quantity) in v1alpha1 and a <c>number</c> from v1alpha2 on.
/// </para>
/// </remarks>
public static class SmiCrdGenerator
{
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.Ordinal)
    {
        ["TrafficTarget"] = "tt",
        ["HTTPRouteGroup"] = "htr",
        ["TCPRoute"] = "tr",
        ["UDPRoute"] = "ur",
        ["TrafficSplit"] = "ts",
    };

    /// <summary>Generates the CRDs of every registered SMI kind and version.</summary>
    /// <returns>
    /// One <c>apiextensions.k8s.io/v1</c> CustomResourceDefinition per group and kind, ordered by name.
    /// </returns>
    public static IReadOnlyList<JsonObject> Generate() => Generate(SmiVersions.All);

    /// <summary>Generates the CRDs of every registered SMI kind and version.</summary>
    /// <param name="serveEveryVersion">
    /// Serve every version, not only those whose schema equals the storage version's. Only right when the CRDs convert
    /// through a webhook (<c>conversion.strategy: Webhook</c>); the caller adds that conversion section.
    /// </param>
    /// <returns>
    /// One <c>apiextensions.k8s.io/v1</c> CustomResourceDefinition per group and kind, ordered by name.
    /// </returns>
    public static IReadOnlyList<JsonObject> Generate(bool serveEveryVersion) =>
        Generate(SmiVersions.All, serveEveryVersion);

    /// <summary>Generates the CRDs of the given kinds and versions.</summary>
    /// <param name="versions">The kinds and versions.</param>
    /// <returns>
    /// One <c>apiextensions.k8s.io/v1</c> CustomResourceDefinition per group and kind, ordered by name.
    /// </returns>
    public static IReadOnlyList<JsonObject> Generate(IEnumerable<ISmiVersion> versions) =>
        Generate(versions, serveEveryVersion: false);

    /// <summary>Generates the CRDs of the given kinds and versions.</summary>
    /// <param name="versions">The kinds and versions.</param>
    /// <param name="serveEveryVersion">Serve every version (see <see cref="Generate(bool)"/>).</param>
    /// <returns>
    /// One <c>apiextensions.k8s.io/v1</c> CustomResourceDefinition per group and kind, ordered by name.
    /// </returns>
    public static IReadOnlyList<JsonObject> Generate(IEnumerable<ISmiVersion> versions, bool serveEveryVersion)
    {
        ArgumentNullException.ThrowIfNull(versions);
        return
        [
            .. versions
                .GroupBy(v => (v.Group, v.Kind))
                .Select(g => Generate(
                    g.Key.Group,
                    g.Key.Kind,
                    [.. g.OrderBy(v => v.Version, KubeVersionOrder.Instance)],
                    serveEveryVersion))
                .OrderBy(crd => crd["metadata"]!["name"]!.GetValue<string>(), StringComparer.Ordinal),
        ];
    }

    private static JsonObject Generate(
        string group, string kind, IReadOnlyList<ISmiVersion> byPriority, bool serveEveryVersion)
    {
        // The latest released version of the group is stored (access v1alpha3, specs and split v1alpha4), so that
        // what producers write today is served; a kind that exists only in a draft version stores that one.
        var released = SmiVersions.LatestReleased.GetValueOrDefault(group);
        var newestFirst = byPriority.OrderBy(v => v.Version == released ? 0 : 1).ToList();
        var storage = newestFirst[0];
        var schemas = newestFirst.Select(v => new SchemaReflector(kind, v.Version).ForResource(v.ResourceType))
            .ToList();
        var storageSchema = JsonFacts.Canonical(schemas[0]);
        var versions = new JsonArray();
        for (var i = 0; i < newestFirst.Count; i++)
        {
            var schema = schemas[i];
            var properties = (JsonObject)schema["properties"]!;
            var version = new JsonObject
            {
                ["name"] = newestFirst[i].Version,
                ["served"] = i == 0 || serveEveryVersion || JsonFacts.Canonical(schema) == storageSchema,
                ["storage"] = i == 0,
            };
            if (kind == "TrafficSplit" && properties["spec"]?["properties"]?["service"] is not null)
            {
                version["additionalPrinterColumns"] = new JsonArray(new JsonObject
                {
                    ["name"] = "Service",
                    ["type"] = "string",
                    ["jsonPath"] = ".spec.service",
                });
            }

            version["schema"] = new JsonObject { ["openAPIV3Schema"] = schema };
            if (properties.ContainsKey("status"))
            {
                version["subresources"] = new JsonObject { ["status"] = new JsonObject() };
            }

            versions.Add(version);
        }

        var names = new JsonObject
        {
            ["kind"] = kind,
            ["listKind"] = kind + "List",
            ["plural"] = storage.Plural,
            ["singular"] = kind.ToLowerInvariant(),
        };
        if (ShortNames.TryGetValue(kind, out var shortName))
        {
            names["shortNames"] = new JsonArray(shortName);
        }

        return new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject { ["name"] = $"{storage.Plural}.{group}" },
            ["spec"] = new JsonObject
            {
                ["group"] = group,
                ["names"] = names,
                ["scope"] = "Namespaced",
                ["versions"] = versions,
            },
        };
    }
}
