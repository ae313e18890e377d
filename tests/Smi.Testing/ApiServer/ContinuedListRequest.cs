namespace Smi.Testing.ApiServer;

/// <summary>A list request that carries a continue token, as seen before it is answered.</summary>
/// <param name="Group">The API group; empty for the core group.</param>
/// <param name="Resource">The resource (plural), for example <c>trafficsplits</c>.</param>
/// <param name="Namespace">The namespace; null for a list across all namespaces.</param>
/// <param name="ResourceVersion">The resource version the token reads at (-1 for the newest).</param>
public sealed record ContinuedListRequest(string Group, string Resource, string? Namespace, long ResourceVersion);
