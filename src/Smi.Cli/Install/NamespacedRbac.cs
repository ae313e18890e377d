using System.Text.Json.Nodes;

namespace Smi.Cli.Install;

/// <summary>
/// The RBAC of a controller that watches some namespaces only (<c>smi install --namespaces a,b</c>): a Role and
/// RoleBinding in each watched namespace with every namespaced rule, the Lease and Event rules in the controller's own
/// namespace, and a ClusterRole with only what no Role can grant, each part justified in an annotation on the object
/// that grants it (<see cref="ReasonAnnotation"/>).
/// </summary>
internal static class NamespacedRbac
{
    /// <summary>The annotation that says why a cluster-scoped grant of a namespace-scoped install is needed.</summary>
    public const string ReasonAnnotation = "smi-adapter.io/cluster-scope";

    private const string Crds = "customresourcedefinitions";

    private const string CrdReason =
        "customresourcedefinitions get, list, watch: CRDs are cluster-scoped; the controller reads them to learn "
        + "which versions of the SMI and output kinds are served, their status subresources and schemas, and "
        + "watches them to start an output kind whose CRD is installed later.";

    private const string CaBundleReason =
        " The rules with resourceNames let the controller write its generated CA bundle into the cluster-scoped "
        + "objects that call it: the SMI CRDs' conversion webhook (when it owns conversion), its "
        + "ValidatingWebhookConfiguration and the TrafficMetrics APIServices.";

    private const string DelegatorReason =
        "TokenReviews and SubjectAccessReviews are cluster-scoped: the webhooks and the TrafficMetrics API "
        + "authenticate and authorize their callers through them, as every extension API server does.";

    /// <summary>The ClusterRole, its binding, the Roles and RoleBindings, and the auth-delegation bindings.</summary>
    /// <param name="settings">The install settings, with <see cref="InstallSettings.Namespaces"/> set.</param>
    /// <param name="name">The ServiceAccount's (and every RBAC object's) name.</param>
    /// <param name="clusterRules">The rules a cluster-wide install grants in its ClusterRole.</param>
    /// <param name="leaseRules">The Lease rules of the controller's namespace.</param>
    /// <param name="caBundleRules">The CA-bundle rules, by name.</param>
    public static IEnumerable<JsonObject> Objects(
        InstallSettings settings,
        string name,
        IReadOnlyList<JsonObject> clusterRules,
        IReadOnlyList<JsonObject> leaseRules,
        IReadOnlyList<JsonObject> caBundleRules)
    {
        var cluster = clusterRules.Where(r => Resource(r) == Crds).ToList();
        var watched = clusterRules.Where(r => Resource(r) != Crds).Select(OnlyGetOfNamespace).ToList();
        var events = watched.Where(r => Resource(r) == "events").ToList();

        var clusterRole = InstallManifests.Metadata("rbac.authorization.k8s.io/v1", "ClusterRole", name, null);
        Annotate(clusterRole, CrdReason + (caBundleRules.Count > 0 ? CaBundleReason : string.Empty));
        yield return InstallManifests.WithRules(clusterRole, cluster.Concat(caBundleRules));
        yield return InstallManifests.Binding("ClusterRoleBinding", "ClusterRole", name, null, settings.Namespace);

        // The controller's own namespace: its Lease, and the Events about permissions it lacks (on its Pod).
        var byNamespace = new SortedDictionary<string, List<JsonObject>>(StringComparer.Ordinal)
        {
            [settings.Namespace] = [.. leaseRules, .. events],
        };
        foreach (var ns in settings.Namespaces)
        {
            byNamespace[ns] = ns == settings.Namespace ? [.. watched, .. leaseRules] : [.. watched];
        }

        foreach (var (ns, rules) in byNamespace)
        {
            var role = InstallManifests.Metadata("rbac.authorization.k8s.io/v1", "Role", name, ns);
            yield return InstallManifests.WithRules(role, rules);
            yield return InstallManifests.Binding("RoleBinding", "Role", name, ns, settings.Namespace);
        }

        foreach (var binding in InstallSecurity.AuthDelegationBindings(name, settings.Namespace))
        {
            if ((string?)binding["kind"] == "ClusterRoleBinding")
            {
                Annotate(binding, DelegatorReason);
            }

            yield return binding;
        }
    }

    private static string Resource(JsonObject rule) => (string?)rule["resources"]?[0] ?? string.Empty;

    /// <summary>
    /// In a Role, <c>namespaces</c> can only mean the Role's own namespace (RBAC takes a request for namespace N to be
    /// made in namespace N), and <c>get</c> is all the controller does with it there.
    /// </summary>
    private static JsonObject OnlyGetOfNamespace(JsonObject rule)
    {
        if (Resource(rule) != "namespaces")
        {
            return rule;
        }

        var copy = (JsonObject)rule.DeepClone();
        copy["verbs"] = new JsonArray("get");
        return copy;
    }

    private static void Annotate(JsonObject obj, string reason) =>
        ((JsonObject)obj["metadata"]!)["annotations"] = new JsonObject { [ReasonAnnotation] = reason };
}
