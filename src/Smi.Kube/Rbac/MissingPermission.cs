namespace Smi.Kube.Rbac;

/// <summary>
/// A request the API server refused with 403 Forbidden, in the terms of an RBAC rule: the verb, the API group, the
/// resource (or <c>resource/subresource</c>) and the namespace it was made in.
/// </summary>
/// <param name="Verb">
/// The verb: <c>list</c>, <c>watch</c>, <c>get</c>, <c>patch</c>, <c>create</c> or <c>delete</c>.
/// </param>
/// <param name="Group">The API group; empty for the core group.</param>
/// <param name="Resource">The resource, for example <c>services</c> or <c>trafficsplits/status</c>.</param>
/// <param name="Namespace">The namespace; empty for a cluster-scoped request.</param>
public sealed record MissingPermission(string Verb, string Group, string Resource, string Namespace)
{
    /// <summary>Reads as an RBAC rule would: <c>list services (group "") in namespace shop</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"{Verb} {Resource} (group \"{Group}\") "
        + (Namespace.Length == 0 ? "at the cluster scope" : $"in namespace {Namespace}");
}
