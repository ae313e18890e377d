using System.Text.Json.Nodes;

namespace Smi.Controller.Kube;

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
}
