using System.Text.Json.Nodes;

namespace Smi.Abstractions.Crds;

/// <summary>A loaded CustomResourceDefinition (apiextensions.k8s.io/v1).</summary>
/// <param name="Name">The CRD's <c>metadata.name</c>, normally <c>plural.group</c>.</param>
/// <param name="Group">The API group.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Plural">The plural resource name.</param>
/// <param name="Scope"><c>Namespaced</c> or <c>Cluster</c>.</param>
/// <param name="Versions">The versions, in the order the CRD lists them.</param>
/// <param name="Document">The whole CRD document, for anything else (names, subresources, printer columns); treat it as
/// read-only.</param>
/// <param name="Source">The file it was read from, or <see langword="null"/> when it was given as an object.</param>
public sealed record CrdDefinition(
    string Name,
    string Group,
    string Kind,
    string Plural,
    string Scope,
    IReadOnlyList<CrdVersion> Versions,
    JsonObject Document,
    string? Source)
{
    /// <summary>Finds a version by name.</summary>
    /// <param name="version">The version name.</param>
    /// <returns>The version, or <see langword="null"/> when the CRD does not define it.</returns>
    public CrdVersion? FindVersion(string version) => Versions.FirstOrDefault(v => v.Name == version);
}
