using System.Text.Json.Nodes;

namespace Smi.Webhooks.Manifests;

/// <summary>
/// The permissions <see cref="Tls.CaBundleWriter"/> needs, and no more: <c>get</c> and <c>patch</c> on the SMI CRDs
/// (only for the owner of conversion, <see cref="WebhookOptions.OwnsCrdConversion"/>), on the one
/// ValidatingWebhookConfiguration and on the host's APIServices, each by name.
/// </summary>
public static class WebhookRbac
{
    /// <summary>The rules, as <c>rbac.authorization.k8s.io/v1</c> PolicyRule objects.</summary>
    /// <param name="options">The webhook configuration's name.</param>
    /// <returns>
    /// The webhook configuration's rule, with one for the CRDs when the host owns conversion and one for the
    /// APIServices when it serves them.
    /// </returns>
    public static IReadOnlyList<JsonObject> Rules(WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        JsonObject[] apiServices = options.ApiServiceNames.Count == 0
            ? []
            :
            [
                new JsonObject
                {
                    ["apiGroups"] = new JsonArray("apiregistration.k8s.io"),
                    ["resources"] = new JsonArray("apiservices"),
                    ["resourceNames"] = new JsonArray([.. options.ApiServiceNames.Select(n => (JsonNode)n)]),
                    ["verbs"] = new JsonArray("get", "patch"),
                },
            ];
        JsonObject[] crds = options.OwnsCrdConversion
            ?
            [
                new JsonObject
                {
                    ["apiGroups"] = new JsonArray("apiextensions.k8s.io"),
                    ["resources"] = new JsonArray("customresourcedefinitions"),
                    ["resourceNames"] = new JsonArray([.. WebhookManifests.CrdNames().Select(n => (JsonNode)n)]),
                    ["verbs"] = new JsonArray("get", "patch"),
                },
            ]
            : [];
        return
        [
            .. crds,
            new JsonObject
            {
                ["apiGroups"] = new JsonArray("admissionregistration.k8s.io"),
                ["resources"] = new JsonArray("validatingwebhookconfigurations"),
                ["resourceNames"] = new JsonArray(options.ValidatingWebhookConfigurationName),
                ["verbs"] = new JsonArray("get", "patch"),
            },
            .. apiServices,
        ];
    }

    /// <summary>
    /// A ClusterRole with <see cref="Rules"/>, for install output (bind it to the host's ServiceAccount).
    /// </summary>
    /// <param name="options">The webhook configuration's name.</param>
    /// <param name="name">The ClusterRole's name. Default <c>smi-adapter-webhook-cabundle</c>.</param>
    /// <returns>The ClusterRole.</returns>
    public static JsonObject ClusterRole(WebhookOptions options, string name = "smi-adapter-webhook-cabundle") => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "ClusterRole",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["rules"] = new JsonArray([.. Rules(options)]),
    };
}
