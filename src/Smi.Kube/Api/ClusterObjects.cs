using System.Text.Json;
using System.Text.Json.Nodes;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Serialization;

namespace Smi.Kube.Api;

/// <summary>
/// Reads objects listed from the API server through <see cref="ManifestLoader"/>, as the CLI reads a file: both
/// header encodings are accepted, and the loader's diagnostics (unknown fields, lossy versions) name the object.
/// </summary>
internal static class ClusterObjects
{
    /// <summary>
    /// Loads one listed object of <paramref name="kind"/>, named <c>PREFIXKind ns/name</c> in diagnostics.
    /// </summary>
    /// <param name="json">The object as listed (list items may come without apiVersion and kind).</param>
    /// <param name="kind">Its kind and the version it was listed in.</param>
    /// <param name="locationPrefix">What the location starts with, such as <c>cluster: </c>.</param>
    public static LoadResult Load(JsonElement json, ResourceKind kind, string locationPrefix)
    {
        // Already JSON: read as the loader reads a document, without going through YAML. An object of the cluster has
        // no line: the location is its name alone.
        var location = new SourceLocation(locationPrefix + Describe(kind.Kind, json), 0);
        return new ManifestLoader().LoadObject(json, kind.ApiVersion, kind.Kind, location);
    }

    /// <summary>
    /// <c>Kind ns/name</c>, or <c>Kind name</c> for a cluster-scoped object: the name and namespace as the JSON nodes
    /// of the object spell them.
    /// </summary>
    public static string Describe(string kind, JsonElement obj)
    {
        string? ns = null, name = null;
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty("metadata", out var metadata)
            && metadata.ValueKind == JsonValueKind.Object)
        {
            ns = Text(metadata, "namespace");
            name = Text(metadata, "name");
        }

        return string.IsNullOrEmpty(ns) ? $"{kind} {name}" : $"{kind} {ns}/{name}";
    }

    /// <summary>A field's string, or for a value of another kind its text as its JSON node gives it.</summary>
    private static string? Text(JsonElement metadata, string field) =>
        !metadata.TryGetProperty(field, out var value) ? null
        : value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => JsonObject.Create(metadata)![field]?.ToString(),
        };
}
