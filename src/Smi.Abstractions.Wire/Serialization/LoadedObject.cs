using System.Text.Json.Nodes;
using Smi.Abstractions.Diagnostics;

namespace Smi.Abstractions.Serialization;

/// <summary>One object read from a manifest.</summary>
/// <param name="Resource">
/// The typed object: an SMI resource (<see cref="Resources.SmiObject"/>) or a Kubernetes model such as
/// <c>V1Service</c> or <c>V1Deployment</c>.
/// </param>
/// <param name="Ref">Its reference.</param>
/// <param name="Location">Where it was read.</param>
/// <param name="Json">The object exactly as read (no defaults filled in, headers in their original encoding).</param>
public sealed record LoadedObject(object Resource, ResourceRef Ref, SourceLocation Location, JsonObject Json);
