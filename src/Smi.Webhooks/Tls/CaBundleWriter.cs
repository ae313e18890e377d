using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Webhooks.Manifests;

namespace Smi.Webhooks.Tls;

/// <summary>
/// Writes the CA bundle of a generated certificate into the SMI CRDs' conversion webhook (only when
/// <see cref="WebhookOptions.OwnsCrdConversion"/>), the ValidatingWebhookConfiguration and the host's APIServices,
/// with merge patches through the Kubernetes API. Each object is read first and written only when it calls this
/// host's Service, with the resourceVersion read (a concurrent change gives 409 and another read): an object that
/// another installation serves keeps that installation's bundle. It needs exactly the permissions of
/// <see cref="WebhookRbac.Rules"/>.
/// </summary>
/// <param name="client">The Kubernetes client.</param>
/// <param name="options">The webhook configuration's name, the APIServices and the Service.</param>
public sealed class CaBundleWriter(IKubernetes client, WebhookOptions options)
{
    private const int MaxAttempts = 5;

    private readonly List<string> _forbidden = [];

    /// <summary>
    /// The objects of the last <see cref="WriteAsync"/> that the API server refused to let this host read (403):
    /// skipped like missing ones, but a sign that the host lacks the permissions of <see cref="WebhookRbac.Rules"/>.
    /// </summary>
    public IReadOnlyList<string> Forbidden => [.. _forbidden];

    /// <summary>
    /// Patches every SMI CRD (when this host owns conversion), the webhook configuration and the APIServices; missing
    /// objects are skipped.
    /// </summary>
    /// <param name="caBundlePem">The PEM CA bundle.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The names of the objects written.</returns>
    public async Task<IReadOnlyList<string>> WriteAsync(
        string caBundlePem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caBundlePem);
        var bundle = WebhookManifests.EncodeCaBundle(caBundlePem);
        var written = new List<string>();
        _forbidden.Clear();
        var crds = client.ApiextensionsV1;
        var admission = client.AdmissionregistrationV1;
        var registration = client.ApiregistrationV1;
        // The CRDs are shared by every mesh's controller: only the owner of conversion touches them.
        foreach (var name in options.OwnsCrdConversion ? WebhookManifests.CrdNames() : [])
        {
            var done = await PatchServedHereAsync(
                name,
                async ct => Json(
                    await crds.ReadCustomResourceDefinitionAsync(name, cancellationToken: ct).ConfigureAwait(false)),
                crd => CallsThisHost(crd["spec"]?["conversion"]?["webhook"]?["clientConfig"]?["service"]),
                crd => new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["conversion"] = new JsonObject
                        {
                            ["webhook"] = new JsonObject
                            {
                                ["clientConfig"] = new JsonObject { ["caBundle"] = bundle },
                            },
                        },
                    },
                },
                (patch, ct) => crds.PatchCustomResourceDefinitionAsync(patch, name, cancellationToken: ct),
                cancellationToken).ConfigureAwait(false);
            if (done)
            {
                written.Add(name);
            }
        }

        var configurationName = options.ValidatingWebhookConfigurationName;
        if (await PatchServedHereAsync(
                configurationName,
                async ct => Json(await admission
                    .ReadValidatingWebhookConfigurationAsync(configurationName, cancellationToken: ct)
                    .ConfigureAwait(false)),
                configuration => (configuration["webhooks"] as JsonArray ?? [])
                    .Any(w => CallsThisHost(w?["clientConfig"]?["service"])),
                configuration =>
                {
                    // The webhooks list is replaced as a whole by a merge patch: send it back with caBundle set on the
                    // webhooks that call this Service.
                    var webhooks = (JsonArray)configuration["webhooks"]!.DeepClone();
                    foreach (var webhook in webhooks.OfType<JsonObject>())
                    {
                        if (webhook["clientConfig"] is JsonObject config && CallsThisHost(config["service"]))
                        {
                            config["caBundle"] = bundle;
                        }
                    }

                    return new JsonObject { ["webhooks"] = webhooks };
                },
                (patch, ct) => admission
                    .PatchValidatingWebhookConfigurationAsync(patch, configurationName, cancellationToken: ct),
                cancellationToken).ConfigureAwait(false))
        {
            written.Add(configurationName);
        }

        foreach (var name in options.ApiServiceNames)
        {
            if (await PatchServedHereAsync(
                    name,
                    async ct => Json(
                        await registration.ReadAPIServiceAsync(name, cancellationToken: ct).ConfigureAwait(false)),
                    apiService => CallsThisHost(apiService["spec"]?["service"]),
                    _ => new JsonObject
                    {
                        ["spec"] = new JsonObject { ["caBundle"] = bundle, ["insecureSkipTLSVerify"] = false },
                    },
                    (patch, ct) => registration.PatchAPIServiceAsync(patch, name, cancellationToken: ct),
                    cancellationToken).ConfigureAwait(false))
            {
                written.Add(name);
            }
        }

        return written;
    }

    private static JsonObject Json(object value) => JsonNode.Parse(KubernetesJson.Serialize(value))!.AsObject();

    private bool CallsThisHost(JsonNode? service) =>
        service?["name"]?.GetValue<string>() == options.ServiceName
        && service["namespace"]?.GetValue<string>() == options.Namespace;

    private async Task<bool> PatchServedHereAsync(
        string name,
        Func<CancellationToken, Task<JsonObject>> read,
        Func<JsonObject, bool> servedHere,
        Func<JsonObject, JsonObject> patchFor,
        Func<V1Patch, CancellationToken, Task> patch,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            JsonObject current;
            try
            {
                current = await read(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException e)
                when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
            {
                // Not installed, or not this host's to read (an APIService another installation serves): skipped,
                // and a refusal is kept for the caller to report.
                if (e.Response.StatusCode == HttpStatusCode.Forbidden)
                {
                    _forbidden.Add(name);
                }

                return false;
            }

            if (!servedHere(current))
            {
                return false;
            }

            var body = patchFor(current);
            body["metadata"] = new JsonObject
            {
                ["resourceVersion"] = current["metadata"]?["resourceVersion"]?.DeepClone(),
            };
            try
            {
                await patch(new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch), cancellationToken)
                    .ConfigureAwait(false);
                return true;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict
                && attempt < MaxAttempts)
            {
                // Changed since it was read: read again.
            }
        }
    }
}
