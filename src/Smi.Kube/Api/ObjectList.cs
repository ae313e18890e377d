using System.Text.Json;

namespace Smi.Kube.Api;

/// <summary>The result of a list: the items as JSON and the list's resource version to watch from.</summary>
/// <param name="Items">The items.</param>
/// <param name="ResourceVersion">The list's resource version.</param>
internal sealed record ObjectList(IReadOnlyList<JsonElement> Items, string? ResourceVersion)
{
    /// <summary>The token for the next page; null on the last page.</summary>
    public string? Continue { get; init; }
}
