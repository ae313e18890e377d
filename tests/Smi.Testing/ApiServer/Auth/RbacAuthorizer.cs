using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer.Auth;

/// <summary>
/// Decides requests from the Role, ClusterRole, RoleBinding and ClusterRoleBinding objects in the store, as
/// kube-apiserver's RBAC authorizer does (https://kubernetes.io/docs/reference/access-authn-authz/rbac/, and
/// <c>plugin/pkg/auth/authorizer/rbac/rbac.go</c>): a ClusterRoleBinding grants its role's rules everywhere, a
/// RoleBinding grants its Role's or ClusterRole's rules in its own namespace only; rules only add permissions
/// ("there are no deny rules"). Members of <c>system:masters</c> are allowed everything, as kube-apiserver's
/// privileged-group authorizer does before RBAC is asked. Aggregated ClusterRoles are not aggregated.
/// </summary>
internal sealed class RbacAuthorizer(ObjectStore store)
{
    /// <summary>The RBAC API group.</summary>
    public const string Group = "rbac.authorization.k8s.io";

    /// <summary>The group whose members every request is allowed to.</summary>
    public const string MastersGroup = "system:masters";

    /// <summary>Decides whether the user may do what the request asks.</summary>
    /// <param name="user">The authenticated user.</param>
    /// <param name="request">The request's attributes.</param>
    public RbacDecision Authorize(TokenUser user, RequestAttributes request)
    {
        if (user.Groups.Contains(MastersGroup))
        {
            return new RbacDecision(true, $"allowed to members of the {MastersGroup} group");
        }

        var errors = new List<string>();
        lock (store.Gate)
        {
            foreach (var (_, stored) in store.InStorage(Group + "/clusterrolebindings", null))
            {
                if (Grants(stored.Object, string.Empty, user, request, errors) is { } allowed)
                {
                    return new RbacDecision(true, allowed);
                }
            }

            if (request.Namespace.Length > 0)
            {
                foreach (var (_, stored) in store.InStorage(Group + "/rolebindings", request.Namespace))
                {
                    if (Grants(stored.Object, request.Namespace, user, request, errors) is { } allowed)
                    {
                        return new RbacDecision(true, allowed);
                    }
                }
            }
        }

        // utilerrors.NewAggregate: one error alone, several in brackets.
        var reason = errors.Count switch
        {
            0 => string.Empty,
            1 => "RBAC: " + errors[0],
            _ => "RBAC: [" + string.Join(", ", errors) + "]",
        };
        return new RbacDecision(false, reason);
    }

    /// <summary>The reason when the binding's role allows the request; null when it does not.</summary>
    private string? Grants(
        JsonObject binding, string ns, TokenUser user, RequestAttributes request, List<string> errors)
    {
        var subjects = binding["subjects"] as JsonArray ?? [];
        var subject = subjects.OfType<JsonObject>().FirstOrDefault(s => AppliesTo(s, user, ns));
        if (subject is null)
        {
            return null;
        }

        var roleKind = Text(binding["roleRef"], "kind");
        var roleName = Text(binding["roleRef"], "name");
        var role = roleKind switch
        {
            "ClusterRole" => store.Find(new ObjectKey(Group + "/clusterroles", string.Empty, roleName)),
            "Role" when ns.Length > 0 => store.Find(new ObjectKey(Group + "/roles", ns, roleName)),
            _ => null,
        };
        if (role is null)
        {
            errors.Add($"{roleKind.ToLowerInvariant()}.{Group} \"{roleName}\" not found");
            return null;
        }

        var rules = role.Object["rules"] as JsonArray ?? [];
        if (!rules.OfType<JsonObject>().Any(r => RuleAllows(r, request)))
        {
            return null;
        }

        // rbac.go's binding describers: RoleBinding "name/namespace", ServiceAccount "name/namespace".
        var bindingName = Text(binding["metadata"], "name");
        var described = ns.Length == 0
            ? $"ClusterRoleBinding \"{bindingName}\""
            : $"RoleBinding \"{bindingName}/{ns}\"";
        var subjectName = Text(subject, "kind") == "ServiceAccount"
            ? $"{Text(subject, "name")}/{(Text(subject, "namespace") is { Length: > 0 } s ? s : ns)}"
            : Text(subject, "name");
        return $"RBAC: allowed by {described} of {roleKind} \"{roleName}\" to {Text(subject, "kind")} "
            + $"\"{subjectName}\"";
    }

    /// <summary>
    /// rbac.go <c>appliesToUser</c>: a ServiceAccount subject without a namespace means the binding's.
    /// </summary>
    private static bool AppliesTo(JsonObject subject, TokenUser user, string bindingNamespace)
    {
        var name = Text(subject, "name");
        switch (Text(subject, "kind"))
        {
            case "User":
                return user.Name == name;
            case "Group":
                return user.Groups.Contains(name);
            case "ServiceAccount":
                var ns = Text(subject, "namespace") is { Length: > 0 } explicitNamespace
                    ? explicitNamespace
                    : bindingNamespace;
                return ns.Length > 0 && user.Name == TokenUser.ServiceAccountUserName(ns, name);
            default:
                return false;
        }
    }

    /// <summary><c>pkg/apis/rbac/v1/evaluation_helpers.go</c> <c>RuleAllows</c>.</summary>
    private static bool RuleAllows(JsonObject rule, RequestAttributes request)
    {
        if (!Strings(rule, "verbs").Any(v => v == "*" || v == request.Verb))
        {
            return false;
        }

        if (!request.IsResourceRequest)
        {
            return Strings(rule, "nonResourceURLs").Any(u => u == "*" || u == request.Path
                || (u.EndsWith('*') && request.Path.StartsWith(u[..^1], StringComparison.Ordinal)));
        }

        if (!Strings(rule, "apiGroups").Any(g => g == "*" || g == request.ApiGroup))
        {
            return false;
        }

        if (!Strings(rule, "resources").Any(r => ResourceMatches(r, request)))
        {
            return false;
        }

        var names = Strings(rule, "resourceNames").ToList();
        return names.Count == 0 || names.Contains(request.Name);
    }

    /// <summary>ResourceMatches: <c>*</c>, the exact <c>resource/subresource</c>, or <c>*/subresource</c>.</summary>
    private static bool ResourceMatches(string ruleResource, RequestAttributes request) =>
        ruleResource == "*"
        || ruleResource == request.CombinedResource
        || (request.Subresource.Length > 0 && ruleResource == "*/" + request.Subresource);

    private static IEnumerable<string> Strings(JsonObject rule, string key) =>
        (rule[key] as JsonArray ?? []).Select(n => n?.GetValue<string>() ?? string.Empty);

    private static string Text(JsonNode? node, string key) =>
        node is JsonObject obj && obj[key] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : string.Empty;
}
