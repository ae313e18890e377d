using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer;

/// <summary>The parts of a CustomResourceDefinition the server needs, read from its JSON.</summary>
internal sealed record CrdDefinition
{
    public required string Name { get; init; }

    public required string Group { get; init; }

    public required string Kind { get; init; }

    public required string ListKind { get; init; }

    public required string Plural { get; init; }

    public required string Singular { get; init; }

    public required bool Namespaced { get; init; }

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public required IReadOnlyList<CrdVersion> Versions { get; init; }

    /// <summary>Where objects are converted between versions when <c>spec.conversion.strategy</c> is <c>Webhook</c>; null for None.</summary>
    public WebhookClientConfig? ConversionWebhook { get; init; }

    /// <summary>The full CRD object as installed.</summary>
    public required JsonObject Source { get; init; }

    public string? StorageVersion => Versions.FirstOrDefault(v => v.Storage)?.Name;

    /// <summary>Reads a CRD; throws <see cref="FormatException"/> naming the missing field.</summary>
    public static CrdDefinition Parse(JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject ?? throw new FormatException("spec is required");
        var names = spec["names"] as JsonObject ?? throw new FormatException("spec.names is required");
        var group = Text(spec, "group") ?? throw new FormatException("spec.group is required");
        var plural = Text(names, "plural") ?? throw new FormatException("spec.names.plural is required");
        var kind = Text(names, "kind") ?? throw new FormatException("spec.names.kind is required");
        var versions = new List<CrdVersion>();
        if (spec["versions"] is JsonArray versionArray)
        {
            var topLevelStatus = spec["subresources"]?["status"] is JsonObject;
            var topLevelSchema = spec["validation"]?["openAPIV3Schema"] as JsonObject;
            foreach (var item in versionArray.OfType<JsonObject>())
            {
                var name = Text(item, "name") ?? throw new FormatException("spec.versions[].name is required");
                versions.Add(new CrdVersion(
                    name,
                    item["served"]?.GetValue<bool>() ?? false,
                    item["storage"]?.GetValue<bool>() ?? false,
                    item["subresources"]?["status"] is JsonObject || topLevelStatus,
                    item["schema"]?["openAPIV3Schema"] as JsonObject ?? topLevelSchema));
            }
        }

        if (versions.Count == 0)
        {
            throw new FormatException("spec.versions must list at least one version");
        }

        return new CrdDefinition
        {
            Name = crd["metadata"]?["name"]?.GetValue<string>() ?? $"{plural}.{group}",
            Group = group,
            Kind = kind,
            ListKind = Text(names, "listKind") ?? kind + "List",
            Plural = plural,
            Singular = Text(names, "singular") ?? kind.ToLowerInvariant(),
            Namespaced = !string.Equals(Text(spec, "scope"), "Cluster", StringComparison.Ordinal),
            ShortNames = names["shortNames"] is JsonArray shortNames ? [.. shortNames.Select(s => s!.GetValue<string>())] : [],
            Versions = versions,
            ConversionWebhook = Text(spec["conversion"] as JsonObject ?? [], "strategy") == "Webhook"
                ? WebhookClientConfig.Parse(spec["conversion"]?["webhook"]?["clientConfig"] as JsonObject) ?? throw new FormatException("spec.conversion.webhook.clientConfig is required when spec.conversion.strategy is Webhook")
                : null,
            Source = crd,
        };
    }

    private static string? Text(JsonObject obj, string key) => obj[key] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
