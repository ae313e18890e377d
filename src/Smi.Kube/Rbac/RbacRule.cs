using System.Collections.Immutable;

namespace Smi.Kube.Rbac;

/// <summary>
/// One RBAC rule the controller needs: an API group, a resource (or <c>resource/subresource</c>) and verbs.
/// </summary>
/// <param name="Group">The API group; empty for the core group.</param>
/// <param name="Resource">The resource, for example <c>trafficsplits</c> or <c>trafficsplits/status</c>.</param>
/// <param name="Verbs">The verbs, sorted.</param>
public sealed record RbacRule(string Group, string Resource, ImmutableArray<string> Verbs);
