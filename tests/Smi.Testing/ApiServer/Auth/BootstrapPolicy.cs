using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer.Auth;

/// <summary>
/// The default roles and bindings kube-apiserver creates at start that the project's install refers to or every
/// client needs (<c>plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go</c>; "Default roles and role
/// bindings" in https://kubernetes.io/docs/reference/access-authn-authz/rbac/): <c>cluster-admin</c> bound to
/// <c>system:masters</c>, <c>system:discovery</c> and <c>system:public-info-viewer</c> bound to authenticated users,
/// <c>system:auth-delegator</c> and, in kube-system, <c>extension-apiserver-authentication-reader</c>.
/// </summary>
internal static class BootstrapPolicy
{
    private const string ApiVersion = RbacAuthorizer.Group + "/v1";

    /// <summary>The objects; the Role only when kube-system exists.</summary>
    /// <param name="withKubeSystem">Whether kube-system exists.</param>
    public static IEnumerable<JsonObject> Objects(bool withKubeSystem)
    {
        yield return ClusterRole(
            "cluster-admin",
            Rule(["*"], ["*"], ["*"]),
            new JsonObject { ["nonResourceURLs"] = Array("*"), ["verbs"] = Array("*") });
        yield return ClusterRoleBinding("cluster-admin", "Group", RbacAuthorizer.MastersGroup);
        yield return ClusterRole(
            "system:discovery",
            new JsonObject
            {
                ["nonResourceURLs"] = Array("/api", "/api/*", "/apis", "/apis/*", "/openapi", "/openapi/*", "/version",
                    "/version/"),
                ["verbs"] = Array("get"),
            });
        yield return ClusterRoleBinding("system:discovery", "Group", "system:authenticated");
        yield return ClusterRole(
            "system:public-info-viewer",
            new JsonObject
            {
                ["nonResourceURLs"] = Array("/healthz", "/livez", "/readyz", "/version", "/version/"),
                ["verbs"] = Array("get"),
            });
        yield return ClusterRoleBinding("system:public-info-viewer", "Group", "system:authenticated");
        yield return ClusterRole(
            "system:auth-delegator",
            Rule(["authentication.k8s.io"], ["tokenreviews"], ["create"]),
            Rule(["authorization.k8s.io"], ["subjectaccessreviews"], ["create"]));
        if (withKubeSystem)
        {
            var reader = Rule([string.Empty], ["configmaps"], ["get", "list", "watch"]);
            reader["resourceNames"] = Array("extension-apiserver-authentication");
            yield return new JsonObject
            {
                ["apiVersion"] = ApiVersion,
                ["kind"] = "Role",
                ["metadata"] = new JsonObject
                {
                    ["name"] = "extension-apiserver-authentication-reader",
                    ["namespace"] = "kube-system",
                },
                ["rules"] = new JsonArray(reader),
            };
        }
    }

    private static JsonObject ClusterRole(string name, params JsonObject[] rules) => new()
    {
        ["apiVersion"] = ApiVersion,
        ["kind"] = "ClusterRole",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["rules"] = new JsonArray([.. rules]),
    };

    private static JsonObject ClusterRoleBinding(string name, string subjectKind, string subject) => new()
    {
        ["apiVersion"] = ApiVersion,
        ["kind"] = "ClusterRoleBinding",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["roleRef"] = new JsonObject { ["apiGroup"] = RbacAuthorizer.Group, ["kind"] = "ClusterRole", ["name"] = name },
        ["subjects"] = new JsonArray(
            new JsonObject { ["apiGroup"] = RbacAuthorizer.Group, ["kind"] = subjectKind, ["name"] = subject }),
    };

    private static JsonObject Rule(string[] groups, string[] resources, string[] verbs) => new()
    {
        ["apiGroups"] = Array(groups),
        ["resources"] = Array(resources),
        ["verbs"] = Array(verbs),
    };

    private static JsonArray Array(params string[] values) => new([.. values.Select(v => (JsonNode)v)]);
}
