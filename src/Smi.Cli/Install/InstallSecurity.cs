using System.Text.Json.Nodes;
using Smi.Webhooks.Manifests;

namespace Smi.Cli.Install;

/// <summary>
/// The install objects that guard the controller: auth-delegation bindings, NetworkPolicy, PodDisruptionBudget and the
/// cert-manager Certificate with its Issuer.
/// </summary>
internal static class InstallSecurity
{
    /// <summary>
    /// What delegated authentication and authorization need, as for every extension API server
    /// (https://kubernetes.io/docs/tasks/extend-kubernetes/configure-aggregation-layer/): a RoleBinding in
    /// kube-system to
    /// <c>extension-apiserver-authentication-reader</c> (read the front proxy's CA and headers) and a
    /// ClusterRoleBinding
    /// to <c>system:auth-delegator</c> (create TokenReviews and SubjectAccessReviews).
    /// </summary>
    public static IEnumerable<JsonObject> AuthDelegationBindings(string name, string ns)
    {
        const string reader = "extension-apiserver-authentication-reader";
        yield return RoleRefBinding("RoleBinding", $"{name}-auth-reader", "kube-system", "Role", reader, name, ns);
        yield return RoleRefBinding(
            "ClusterRoleBinding", $"{name}-auth-delegator", null, "ClusterRole", "system:auth-delegator", name, ns);
    }

    /// <summary>
    /// Admits to the controller's pods only the HTTPS port (the API server calls the webhooks and the aggregated API
    /// from addresses a NetworkPolicy cannot name, often outside the pod network, so from anywhere: every caller of
    /// that port is authenticated) and the health and metrics port from the Prometheus namespace. Egress is left open:
    /// the controller calls the API server and Prometheus.
    /// </summary>
    public static JsonObject NetworkPolicy(
        string name,
        InstallSettings settings,
        IEnumerable<KeyValuePair<string, string>> podLabels,
        int healthPort,
        int securePort) =>
        InstallManifests.Metadata("networking.k8s.io/v1", "NetworkPolicy", name, settings.Namespace, new JsonObject
        {
            ["podSelector"] = new JsonObject { ["matchLabels"] = InstallManifests.Map(podLabels) },
            ["policyTypes"] = new JsonArray("Ingress"),
            ["ingress"] = new JsonArray(
                new JsonObject
                {
                    ["ports"] = new JsonArray(new JsonObject { ["protocol"] = "TCP", ["port"] = securePort }),
                },
                new JsonObject
                {
                    ["from"] = new JsonArray(new JsonObject
                    {
                        ["namespaceSelector"] = new JsonObject
                        {
                            ["matchLabels"] = new JsonObject
                            {
                                ["kubernetes.io/metadata.name"] = settings.MetricsScraperNamespace,
                            },
                        },
                    }),
                    ["ports"] = new JsonArray(new JsonObject { ["protocol"] = "TCP", ["port"] = healthPort }),
                }),
        });

    /// <summary>Keeps one replica (the conversion webhook) up through voluntary disruptions.</summary>
    public static JsonObject PodDisruptionBudget(
        string name, string ns, IEnumerable<KeyValuePair<string, string>> podLabels) =>
        InstallManifests.Metadata("policy/v1", "PodDisruptionBudget", name, ns, new JsonObject
        {
            ["minAvailable"] = 1,
            ["selector"] = new JsonObject { ["matchLabels"] = InstallManifests.Map(podLabels) },
        });

    /// <summary>
    /// The cert-manager Certificate named by <see cref="InstallSettings.CertManagerCertificate"/> (its Secret has the
    /// same
    /// name) for the webhook Service's DNS names, and a self-signed Issuer unless one is named.
    /// </summary>
    public static IEnumerable<JsonObject> CertManagerObjects(InstallSettings settings, WebhookOptions webhook)
    {
        var (ns, name) = SplitName(settings.CertManagerCertificate!);
        JsonObject issuerRef;
        if (settings.CertManagerIssuer is null)
        {
            var issuer = $"smi-adapter-{settings.Mesh}-selfsigned";
            var selfSigned = new JsonObject { ["selfSigned"] = new JsonObject() };
            yield return InstallManifests.Metadata("cert-manager.io/v1", "Issuer", issuer, ns, selfSigned);
            issuerRef = new JsonObject { ["name"] = issuer, ["kind"] = "Issuer", ["group"] = "cert-manager.io" };
        }
        else
        {
            var (kind, issuer) = settings.CertManagerIssuer.StartsWith("ClusterIssuer/", StringComparison.Ordinal)
                ? ("ClusterIssuer", settings.CertManagerIssuer["ClusterIssuer/".Length..])
                : ("Issuer", settings.CertManagerIssuer);
            issuerRef = new JsonObject { ["name"] = issuer, ["kind"] = kind, ["group"] = "cert-manager.io" };
        }

        yield return InstallManifests.Metadata("cert-manager.io/v1", "Certificate", name, ns, new JsonObject
        {
            ["secretName"] = name,
            ["dnsNames"] = new JsonArray(webhook.ServiceDnsName, $"{webhook.ServiceDnsName}.cluster.local"),
            ["issuerRef"] = issuerRef,
            ["privateKey"] = new JsonObject { ["algorithm"] = "ECDSA", ["size"] = 256 },
        });
    }

    private static (string Namespace, string Name) SplitName(string namespacedName)
    {
        var slash = namespacedName.IndexOf('/', StringComparison.Ordinal);
        return (namespacedName[..slash], namespacedName[(slash + 1)..]);
    }

    private static JsonObject RoleRefBinding(
        string kind,
        string name,
        string? ns,
        string roleKind,
        string roleName,
        string serviceAccount,
        string serviceAccountNamespace)
    {
        var binding = InstallManifests.Metadata("rbac.authorization.k8s.io/v1", kind, name, ns);
        binding["roleRef"] = new JsonObject
        {
            ["apiGroup"] = "rbac.authorization.k8s.io",
            ["kind"] = roleKind,
            ["name"] = roleName,
        };
        binding["subjects"] = new JsonArray(new JsonObject
        {
            ["kind"] = "ServiceAccount",
            ["name"] = serviceAccount,
            ["namespace"] = serviceAccountNamespace,
        });
        return binding;
    }
}
