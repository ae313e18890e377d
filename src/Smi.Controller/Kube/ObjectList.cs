using System.Text.Json;

namespace Smi.Controller.Kube;

/// <summary>The result of a list: the items as JSON and the list's resource version to watch from.</summary>
/// <param name="Items">The items.</param>
/// <param name="ResourceVersion">The list's resource version.</param>
internal sealed record ObjectList(IReadOnlyList<JsonElement> Items, string? ResourceVersion);
