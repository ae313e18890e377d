using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer;

/// <summary>One version of a CustomResourceDefinition.</summary>
internal sealed record CrdVersion(string Name, bool Served, bool Storage, bool HasStatus, JsonObject? Schema);
