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
        var obj = JsonObject.Create(json.Clone())!;
        obj["apiVersion"] = kind.ApiVersion;
        obj["kind"] = kind.Kind;

        // Already JSON: read as the loader reads a document, without going through YAML. An object of the cluster has
        // no line: the location is its name alone.
        return new ManifestLoader().LoadObject(obj, new SourceLocation(locationPrefix + Describe(kind.Kind, obj), 0));
    }

    /// <summary><c>Kind ns/name</c>, or <c>Kind name</c> for a cluster-scoped object.</summary>
    public static string Describe(string kind, JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject;
        var ns = metadata?["namespace"]?.ToString();
        var name = metadata?["name"]?.ToString();
        return string.IsNullOrEmpty(ns) ? $"{kind} {name}" : $"{kind} {ns}/{name}";
    }
}
