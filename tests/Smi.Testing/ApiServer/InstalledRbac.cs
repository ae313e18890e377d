using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer;

/// <summary>
/// The ServiceAccount and RBAC objects <c>smi install</c> ships for one mesh, read from the generated
/// <c>deploy/kustomize/overlays/&lt;mesh&gt;/install.yaml</c> (kept equal to <c>smi install</c>'s output by the CLI's
/// kustomize test), so controller, webhook and metrics tests run with exactly the permissions a cluster gets.
/// </summary>
/// <param name="Mesh">The mesh: istio, linkerd, consul or gateway-api.</param>
/// <param name="Objects">The ServiceAccount, Roles, ClusterRoles and bindings of the install.</param>
public sealed record InstalledRbac(string Mesh, IReadOnlyList<JsonObject> Objects)
{
    private static readonly string[] RbacKinds = ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"];

    /// <summary>The namespace the install puts the controller in.</summary>
    public const string Namespace = "smi-system";

    /// <summary>The meshes the install is generated for.</summary>
    public static IReadOnlyList<string> Meshes { get; } = ["istio", "linkerd", "consul", "gateway-api"];

    /// <summary>The controller's ServiceAccount (and ClusterRole, Role and Lease) name.</summary>
    public string Name => $"smi-adapter-{Mesh}";

    /// <summary>The webhook Service the install creates for the mesh.</summary>
    public string WebhookServiceName => $"{Name}-webhooks";

    /// <summary>The ValidatingWebhookConfiguration the install creates for the mesh.</summary>
    public string ValidatingWebhookConfigurationName => $"{Name}-validation";

    /// <summary>Reads the mesh's install manifest.</summary>
    /// <param name="mesh">The mesh: istio, linkerd, consul or gateway-api.</param>
    public static InstalledRbac For(string mesh) => FromOverlay(mesh, mesh);

    /// <summary>
    /// Reads the mesh's namespace-scoped install (<c>overlays/&lt;mesh&gt;-namespaced</c>, <c>smi install --namespaces
    /// shop,payments</c>): Roles in the watched namespaces, and a ClusterRole with only the CRD reads and CA-bundle
    /// writes.
    /// </summary>
    /// <param name="mesh">The mesh: istio, linkerd, consul or gateway-api.</param>
    public static InstalledRbac Namespaced(string mesh) => FromOverlay(mesh, mesh + "-namespaced");

    private static InstalledRbac FromOverlay(string mesh, string overlay)
    {
        var path = Path.Combine(RepositoryPaths.Root, "deploy", "kustomize", "overlays", overlay, "install.yaml");
        var objects = YamlJson.ParseAll(File.ReadAllText(path))
            .OfType<JsonObject>()
            .Where(o => RbacKinds.Contains((string?)o["kind"]) || (string?)o["kind"] == "ServiceAccount")
            .ToList();
        return new InstalledRbac(mesh, objects);
    }

    /// <summary>
    /// Stores the objects in the server (replacing earlier ones, as the cluster admin applying the install would)
    /// and returns a new bearer token of the controller's ServiceAccount.
    /// </summary>
    /// <param name="server">The loopback API server.</param>
    public string InstallInto(LoopbackApiServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        foreach (var obj in Objects)
        {
            server.Seed(obj);
        }

        return server.IssueToken(TokenUser.ServiceAccount(Namespace, Name));
    }

    /// <summary>
    /// Every (role, index) of a rule in the installed Roles and ClusterRoles, for removing one rule at a time.
    /// </summary>
    public IEnumerable<(JsonObject Role, int Index)> Rules() =>
        Objects.Where(o => (string?)o["kind"] is "Role" or "ClusterRole")
            .SelectMany(o => (o["rules"] as JsonArray ?? []).Select((_, i) => (o, i)));

    /// <summary>The installed bindings (to the install's own roles and to the cluster's default roles).</summary>
    public IEnumerable<JsonObject> Bindings() =>
        Objects.Where(o => (string?)o["kind"] is "RoleBinding" or "ClusterRoleBinding");

    /// <summary>A copy without the rule at the index of the role (a role left without rules stays, empty).</summary>
    /// <param name="role">A Role or ClusterRole of <see cref="Objects"/>.</param>
    /// <param name="index">The index of the rule to remove.</param>
    public InstalledRbac Without(JsonObject role, int index)
    {
        var objects = Objects.Select(o =>
        {
            var copy = (JsonObject)o.DeepClone();
            if (ReferenceEquals(o, role))
            {
                ((JsonArray)copy["rules"]!).RemoveAt(index);
            }

            return copy;
        });
        return this with { Objects = [.. objects] };
    }

    /// <summary>A copy without one object, for example a binding.</summary>
    /// <param name="obj">An object of <see cref="Objects"/>.</param>
    public InstalledRbac Without(JsonObject obj) =>
        this with
        {
            Objects = [.. Objects.Where(o => !ReferenceEquals(o, obj)).Select(o => (JsonObject)o.DeepClone())],
        };

    /// <summary>A short description of a rule: <c>ClusterRole/name: group/resource [verbs] (names)</c>.</summary>
    /// <param name="role">The Role or ClusterRole.</param>
    /// <param name="index">The rule's index.</param>
    public static string Describe(JsonObject role, int index)
    {
        ArgumentNullException.ThrowIfNull(role);
        var rule = role["rules"]![index]!;
        var names = rule["resourceNames"] is null ? string.Empty : $" ({Join(rule["resourceNames"])})";
        return $"{role["kind"]}/{role["metadata"]!["name"]}: {Join(rule["apiGroups"])}/{Join(rule["resources"])} "
            + $"[{Join(rule["verbs"])}]{names}";
    }

    /// <summary>A short description of a binding: <c>ClusterRoleBinding/name -> ClusterRole/role</c>.</summary>
    /// <param name="binding">The RoleBinding or ClusterRoleBinding.</param>
    public static string DescribeBinding(JsonObject binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var ns = binding["metadata"]!["namespace"] is { } n ? $"{n}/" : string.Empty;
        return $"{binding["kind"]}/{ns}{binding["metadata"]!["name"]} -> "
            + $"{binding["roleRef"]!["kind"]}/{binding["roleRef"]!["name"]}";
    }

    private static string Join(JsonNode? list) => string.Join(",", (list as JsonArray ?? []).Select(n => (string?)n));
}
