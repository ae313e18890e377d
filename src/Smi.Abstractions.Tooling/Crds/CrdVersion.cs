using System.Text.Json.Nodes;

namespace Smi.Abstractions.Crds;

/// <summary>One version of a loaded CustomResourceDefinition.</summary>
/// <param name="Name">The version name, for example <c>v1alpha4</c>.</param>
/// <param name="Served">Whether the API server serves the version.</param>
/// <param name="Storage">Whether the version is the storage version.</param>
/// <param name="Schema">
/// The version's <c>schema.openAPIV3Schema</c>, or <see langword="null"/> when it has none. Shared with the catalog:
/// treat it as read-only.
/// </param>
public sealed record CrdVersion(string Name, bool Served, bool Storage, JsonObject? Schema);
