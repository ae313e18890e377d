using System.Text;
using System.Text.Json.Nodes;
using Smi.Abstractions.Crds;
using Smi.Abstractions.Resources;

namespace Smi.Webhooks.Manifests;

/// <summary>
/// The manifests that wire the webhooks into a cluster: SMI CRDs that serve every version through the conversion
/// webhook, the ValidatingWebhookConfiguration, the Service in front of the host and the RBAC of the CA bundle writer.
/// </summary>
public static class WebhookManifests
{
    /// <summary>The annotation cert-manager's CA injector reads.</summary>
    public const string CertManagerInjectAnnotation = "cert-manager.io/inject-ca-from";

    /// <summary>The SMI groups that have CRDs (metrics is an aggregated API and has none).</summary>
    public static IReadOnlyList<string> CrdGroups { get; } = [SmiGroups.Access, SmiGroups.Specs, SmiGroups.Split];

    /// <summary>The generated SMI CRDs with every version served and <c>conversion: Webhook</c>.</summary>
    /// <param name="options">Where the webhook is served.</param>
    /// <returns>One CRD per SMI kind, ordered by name.</returns>
    public static IReadOnlyList<JsonObject> Crds(WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [
            .. SmiCrdGenerator.Generate(serveEveryVersion: true).Select(crd => WithConversionWebhook(crd, options))];
    }

    /// <summary>
    /// A copy of a CRD that serves every version and converts through the webhook:
    /// <c>conversion: {strategy: Webhook, webhook: {conversionReviewVersions: [v1], clientConfig: {service: {namespace,
    /// name, path: /convert, port}, caBundle}}}</c>.
    /// </summary>
    /// <param name="crd">A CustomResourceDefinition (for example from <see cref="SmiCrdGenerator"/>).</param>
    /// <param name="options">Where the webhook is served.</param>
    /// <returns>The changed copy.</returns>
    public static JsonObject WithConversionWebhook(JsonObject crd, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(crd);
        ArgumentNullException.ThrowIfNull(options);
        var copy = (JsonObject)crd.DeepClone();
        var spec = copy["spec"] as JsonObject ?? throw new ArgumentException("the CRD has no spec", nameof(crd));
        foreach (var version in spec["versions"] as JsonArray ?? [])
        {
            if (version is JsonObject v)
            {
                v["served"] = true;
            }
        }

        spec["conversion"] = new JsonObject
        {
            ["strategy"] = "Webhook",
            ["webhook"] = new JsonObject
            {
                ["conversionReviewVersions"] = new JsonArray("v1"),
                ["clientConfig"] = ClientConfig(options, WebhookEndpoints.ConvertPath),
            },
        };
        Annotate(copy, options);
        return copy;
    }

    /// <summary>
    /// The ValidatingWebhookConfiguration of the SMI kinds.
    /// </summary>
    /// <remarks>
    /// <para>
    /// One webhook, <c>validate.smi-adapter.io</c>, whose rules name only the SMI groups (access, specs, split), every
    /// version, every main resource (no subresources, so status writes of the controller are not intercepted), and
    /// only CREATE and UPDATE: deletes are never checked. Writes of any other group never reach the webhook, so an
    /// unavailable webhook can never block unrelated writes of the cluster.
    /// </para>
    /// <para>
    /// <c>failurePolicy</c> defaults to <c>Ignore</c> with <c>timeoutSeconds: 5</c>: when the host is down, being
    /// rolled out, or slow, SMI writes of Flagger, Argo Rollouts and platform tools still go through within five
    /// seconds instead of failing canary steps. That is safe because admission is a convenience, not a security
    /// boundary: the controller validates every object again before translating it and reports errors as conditions
    /// and Events, and translation never widens access for input it cannot express. <c>Fail</c> can be chosen where
    /// refusing invalid SMI matters more than SMI writes during an outage; it still affects only the SMI groups.
    /// </para>
    /// <para>
    /// <c>sideEffects: None</c> (the webhook only reads), <c>admissionReviewVersions: [v1]</c>, <c>matchPolicy:
    /// Equivalent</c>.
    /// </para>
    /// </remarks>
    /// <param name="options">Where the webhook is served, its failure policy and timeout.</param>
    /// <returns>The <c>admissionregistration.k8s.io/v1</c> object.</returns>
    public static JsonObject ValidatingWebhookConfiguration(WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.FailurePolicy is not ("Ignore" or "Fail"))
        {
            throw new ArgumentException(
                $"failurePolicy must be Ignore or Fail, not {options.FailurePolicy}", nameof(options));
        }

        if (options.TimeoutSeconds is < 1 or > 30)
        {
            throw new ArgumentException(
                $"timeoutSeconds must be 1 to 30, not {options.TimeoutSeconds}", nameof(options));
        }

        var configuration = new JsonObject
        {
            ["apiVersion"] = "admissionregistration.k8s.io/v1",
            ["kind"] = "ValidatingWebhookConfiguration",
            ["metadata"] = new JsonObject
            {
                ["name"] = options.ValidatingWebhookConfigurationName,
                ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "smi-adapter" },
            },
            ["webhooks"] = new JsonArray(new JsonObject
            {
                ["name"] = "validate.smi-adapter.io",
                ["admissionReviewVersions"] = new JsonArray("v1"),
                ["sideEffects"] = "None",
                ["failurePolicy"] = options.FailurePolicy,
                ["timeoutSeconds"] = options.TimeoutSeconds,
                ["matchPolicy"] = "Equivalent",
                ["clientConfig"] = ClientConfig(options, WebhookEndpoints.ValidatePath),
                ["rules"] = new JsonArray(new JsonObject
                {
                    ["apiGroups"] = new JsonArray([.. CrdGroups.Select(g => (JsonNode)g)]),
                    ["apiVersions"] = new JsonArray("*"),
                    ["resources"] = new JsonArray("*"),
                    ["operations"] = new JsonArray("CREATE", "UPDATE"),
                    ["scope"] = "Namespaced",
                }),
            }),
        };
        Annotate(configuration, options);
        return configuration;
    }

    /// <summary>The Service in front of the webhook host.</summary>
    /// <param name="options">Its namespace, name and port.</param>
    /// <param name="selector">The labels of the host's pods.</param>
    /// <param name="targetPort">The container port the host serves HTTPS on.</param>
    /// <returns>The <c>v1 Service</c>.</returns>
    public static JsonObject Service(
        WebhookOptions options, IReadOnlyDictionary<string, string> selector, int targetPort)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(selector);
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject { ["name"] = options.ServiceName, ["namespace"] = options.Namespace },
            ["spec"] = new JsonObject
            {
                ["selector"] = new JsonObject(
                    [.. selector.OrderBy(p => p.Key, StringComparer.Ordinal)
                        .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
                ["ports"] = new JsonArray(
                    new JsonObject
                    {
                        ["name"] = "https",
                        ["port"] = options.Port,
                        ["targetPort"] = targetPort,
                        ["protocol"] = "TCP",
                    }),
            },
        };
    }

    /// <summary>The names of the SMI CRDs, for RBAC and the CA bundle writer.</summary>
    /// <returns>For example <c>trafficsplits.split.smi-spec.io</c>.</returns>
    public static IReadOnlyList<string> CrdNames() =>
        [.. SmiCrdGenerator.Generate().Select(crd => crd["metadata"]!["name"]!.GetValue<string>())];

    /// <summary>A PEM bundle in the base64 form of <c>caBundle</c>.</summary>
    /// <param name="pem">PEM certificates.</param>
    /// <returns>The base64 text.</returns>
    public static string EncodeCaBundle(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
    }

    private static JsonObject ClientConfig(WebhookOptions options, string path)
    {
        var config = new JsonObject
        {
            ["service"] = new JsonObject
            {
                ["namespace"] = options.Namespace,
                ["name"] = options.ServiceName,
                ["path"] = path,
                ["port"] = options.Port,
            },
        };
        if (!string.IsNullOrEmpty(options.CaBundlePem))
        {
            config["caBundle"] = EncodeCaBundle(options.CaBundlePem);
        }

        return config;
    }

    private static void Annotate(JsonObject obj, WebhookOptions options)
    {
        if (string.IsNullOrEmpty(options.CertManagerCertificate))
        {
            return;
        }

        var metadata = obj["metadata"] as JsonObject ?? [];
        obj["metadata"] = metadata;
        var annotations = metadata["annotations"] as JsonObject ?? [];
        metadata["annotations"] = annotations;
        annotations[CertManagerInjectAnnotation] = options.CertManagerCertificate;
    }
}
