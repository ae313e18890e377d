namespace Smi.Testing.ApiServer;

/// <summary>
/// One rule SubjectAccessReviews are answered from (<see cref="LoopbackApiServerOptions.AccessRules"/>): like an RBAC
/// rule bound to users and groups. A review is allowed when any rule matches; <c>*</c> matches anything.
/// </summary>
public sealed record AccessRule
{
    /// <summary>The users the rule is bound to.</summary>
    public IReadOnlyList<string> Users { get; init; } = [];

    /// <summary>The groups the rule is bound to.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>The verbs, for example <c>get</c> and <c>list</c>.</summary>
    public IReadOnlyList<string> Verbs { get; init; } = [];

    /// <summary>The API groups of resource requests.</summary>
    public IReadOnlyList<string> ApiGroups { get; init; } = [];

    /// <summary>The resources, with <c>/subresource</c> where one is meant, for example
    /// <c>deployments/edges</c>.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>The namespaces of resource requests; empty for every namespace and the cluster scope.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>The paths of non-resource requests; a trailing <c>*</c> matches a prefix.</summary>
    public IReadOnlyList<string> NonResourceUrls { get; init; } = [];

    /// <summary>Whether the rule allows the review's user to do what it asks.</summary>
    internal bool Allows(
        string user, IReadOnlyList<string> groups, string verb, ResourceRequest? resource, string? path)
    {
        if (!Users.Contains(user) && !Groups.Any(groups.Contains))
        {
            return false;
        }

        if (!Matches(Verbs, verb))
        {
            return false;
        }

        if (resource is not null)
        {
            var name = resource.Subresource.Length == 0
                ? resource.Resource
                : $"{resource.Resource}/{resource.Subresource}";
            return Matches(ApiGroups, resource.Group) && Matches(Resources, name)
                && (Namespaces.Count == 0 || Matches(Namespaces, resource.Namespace));
        }

        return path is not null && NonResourceUrls.Any(
            u => u == "*" || u == path || (u.EndsWith('*') && path.StartsWith(u[..^1], StringComparison.Ordinal)));
    }

    private static bool Matches(IReadOnlyList<string> allowed, string value) =>
        allowed.Contains("*") || allowed.Contains(value);

    /// <summary>The resource attributes of a SubjectAccessReview.</summary>
    internal sealed record ResourceRequest(string Group, string Resource, string Subresource, string Namespace);
}
