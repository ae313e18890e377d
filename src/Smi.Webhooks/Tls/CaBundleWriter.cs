using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Webhooks.Manifests;

namespace Smi.Webhooks.Tls;

/// <summary>
/// Writes the CA bundle of a generated certificate into the SMI CRDs' conversion webhook and into the
/// ValidatingWebhookConfiguration, with merge patches through the Kubernetes API. It needs exactly the permissions of
/// <see cref="WebhookRbac.Rules"/>.
/// </summary>
/// <param name="client">The Kubernetes client.</param>
/// <param name="options">The webhook configuration's name and Service.</param>
public sealed class CaBundleWriter(IKubernetes client, WebhookOptions options)
{
    private const int MaxAttempts = 5;

    /// <summary>Patches every SMI CRD and the webhook configuration; objects that do not exist are skipped.</summary>
    /// <param name="caBundlePem">The PEM CA bundle.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The names of the objects written.</returns>
    public async Task<IReadOnlyList<string>> WriteAsync(string caBundlePem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caBundlePem);
        var bundle = WebhookManifests.EncodeCaBundle(caBundlePem);
        var written = new List<string>();
        foreach (var name in WebhookManifests.CrdNames())
        {
            var patch = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["conversion"] = new JsonObject
                    {
                        ["strategy"] = "Webhook",
                        ["webhook"] = new JsonObject
                        {
                            ["conversionReviewVersions"] = new JsonArray("v1"),
                            ["clientConfig"] = new JsonObject { ["caBundle"] = bundle },
                        },
                    },
                },
            };
            try
            {
                await client.ApiextensionsV1.PatchCustomResourceDefinitionAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), name, cancellationToken: cancellationToken).ConfigureAwait(false);
                written.Add(name);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // Not installed: nothing to write.
            }
        }

        if (await WriteWebhookConfigurationAsync(bundle, cancellationToken).ConfigureAwait(false))
        {
            written.Add(options.ValidatingWebhookConfigurationName);
        }

        return written;
    }

    private async Task<bool> WriteWebhookConfigurationAsync(string bundle, CancellationToken cancellationToken)
    {
        // The webhooks list is replaced as a whole by a merge patch, so read it, set caBundle on the webhooks that call
        // this Service, and send it back with the resourceVersion read: a concurrent change gives 409 and a retry.
        for (var attempt = 1; ; attempt++)
        {
            V1ValidatingWebhookConfiguration current;
            try
            {
                current = await client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(options.ValidatingWebhookConfigurationName, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }

            var webhooks = JsonNode.Parse(KubernetesJson.Serialize(current.Webhooks ?? []))!.AsArray();
            foreach (var webhook in webhooks.OfType<JsonObject>())
            {
                if (webhook["clientConfig"] is JsonObject config
                    && config["service"] is JsonObject service
                    && service["name"]?.GetValue<string>() == options.ServiceName
                    && service["namespace"]?.GetValue<string>() == options.Namespace)
                {
                    config["caBundle"] = bundle;
                }
            }

            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = current.Metadata?.ResourceVersion },
                ["webhooks"] = webhooks,
            };
            try
            {
                await client.AdmissionregistrationV1.PatchValidatingWebhookConfigurationAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), options.ValidatingWebhookConfigurationName, cancellationToken: cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < MaxAttempts)
            {
                // Changed since it was read: read again.
            }
        }
    }
}
