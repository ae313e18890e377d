using System.Text.Json.Nodes;
using Smi.Testing;

namespace Smi.Controller.Tests;

/// <summary>
/// The ServiceAccount and RBAC objects <c>smi install</c> ships for one mesh, read from the generated
/// <c>deploy/kustomize/overlays/&lt;mesh&gt;/install.yaml</c> (kept equal to <c>smi install</c>'s output by the CLI's
/// kustomize test), so controller tests run with exactly the permissions a cluster gets.
/// </summary>
internal sealed record InstalledRbac(string Mesh, IReadOnlyList<JsonObject> Objects)
{
    private static readonly string[] RbacKinds = ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"];

    /// <summary>The namespace the install puts the controller in.</summary>
    public const string Namespace = "smi-system";

    /// <summary>The controller's ServiceAccount (and ClusterRole, Role and Lease) name.</summary>
    public string Name => $"smi-adapter-{Mesh}";

    /// <summary>Reads the mesh's install manifest.</summary>
    /// <param name="mesh">The mesh: istio, linkerd, consul or gateway-api.</param>
    public static InstalledRbac For(string mesh)
    {
        var path = Path.Combine(RepositoryPaths.Root, "deploy", "kustomize", "overlays", mesh, "install.yaml");
        var objects = Yaml.Documents(File.ReadAllText(path))
            .Where(o => RbacKinds.Contains((string?)o["kind"]) || (string?)o["kind"] == "ServiceAccount")
            .ToList();
        return new InstalledRbac(mesh, objects);
    }

    /// <summary>
    /// Reads the mesh's namespace-scoped install (<c>overlays/&lt;mesh&gt;-namespaced</c>, <c>smi install --namespaces
    /// shop,payments</c>): Roles in the watched namespaces, and a ClusterRole with only the CRD reads and CA-bundle
    /// writes.
    /// </summary>
    /// <param name="mesh">The mesh: istio, linkerd, consul or gateway-api.</param>
    public static InstalledRbac Namespaced(string mesh)
    {
        var overlay = mesh + "-namespaced";
        var path = Path.Combine(RepositoryPaths.Root, "deploy", "kustomize", "overlays", overlay, "install.yaml");
        var objects = Yaml.Documents(File.ReadAllText(path))
            .Where(o => RbacKinds.Contains((string?)o["kind"]) || (string?)o["kind"] == "ServiceAccount")
            .ToList();
        return new InstalledRbac(mesh, objects);
    }

    /// <summary>
    /// Every (role, index) of a rule in the installed Roles and ClusterRoles, for removing one rule at a time.
    /// </summary>
    public IEnumerable<(JsonObject Role, int Index)> Rules() =>
        Objects.Where(o => (string?)o["kind"] is "Role" or "ClusterRole")
            .SelectMany(o => (o["rules"] as JsonArray ?? []).Select((_, i) => (o, i)));

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

    /// <summary>A short description of a rule: <c>ClusterRole/name: group/resource [verbs] (names)</c>.</summary>
    /// <param name="role">The Role or ClusterRole.</param>
    /// <param name="index">The rule's index.</param>
    public static string Describe(JsonObject role, int index)
    {
        var rule = role["rules"]![index]!;
        static string Join(JsonNode? list) => string.Join(",", (list as JsonArray ?? []).Select(n => (string?)n));
        var names = rule["resourceNames"] is null ? string.Empty : $" ({Join(rule["resourceNames"])})";
        return $"{role["kind"]}/{role["metadata"]!["name"]}: {Join(rule["apiGroups"])}/{Join(rule["resources"])} "
            + $"[{Join(rule["verbs"])}]{names}";
    }
}
