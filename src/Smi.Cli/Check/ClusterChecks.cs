using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Kube;
using Smi.Webhooks.Manifests;

namespace Smi.Cli.Check;

/// <summary>
/// The checks of <c>smi check</c>, in the order linkerd check runs its own: the API server, the SMI CRDs and their
/// conversion webhook, the mesh's CRDs, then the controller (its Deployment and its Lease). Each check reads only.
/// </summary>
/// <param name="client">The client.</param>
/// <param name="mesh">The mesh the controller translates for.</param>
/// <param name="controllerNamespace">The namespace the controller is installed in.</param>
/// <param name="time">The clock the Lease's renewal is compared with.</param>
internal sealed class ClusterChecks(IKubernetes client, string mesh, string controllerNamespace, TimeProvider time)
{
    private string ControllerName => $"smi-adapter-{mesh}";

    private string Install => $"smi install --mesh {mesh} -n {controllerNamespace} | kubectl apply -f -";

    /// <summary>Runs every check; after a failed API server check, none other.</summary>
    public async IAsyncEnumerable<CheckResult> RunAsync(
        string server, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reachable = await ServerAsync(server, cancellationToken).ConfigureAwait(false);
        yield return reachable;
        if (!reachable.Passed)
        {
            yield break;
        }

        foreach (var name in WebhookManifests.CrdNames())
        {
            var crd = await ReadAsync(
                t => client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name, cancellationToken: t),
                cancellationToken).ConfigureAwait(false);
            yield return SmiCrd(name, crd);
            if (crd is not null && Served(crd).Count > 1)
            {
                yield return await ConversionAsync(crd, cancellationToken).ConfigureAwait(false);
            }
        }

        var outputKinds = ResourceKinds.OutputsOf(MeshRegistration.Adapters(), mesh);
        foreach (var kind in outputKinds.GroupBy(k => (k.Group, k.Plural)))
        {
            yield return await MeshCrdAsync($"{kind.Key.Plural}.{kind.Key.Group}", [.. kind], cancellationToken)
                .ConfigureAwait(false);
        }

        yield return await DeploymentAsync(cancellationToken).ConfigureAwait(false);
        yield return await LeaseAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<CheckResult> ServerAsync(string server, CancellationToken cancellationToken)
    {
        try
        {
            var version = await client.Version.GetCodeAsync(cancellationToken).ConfigureAwait(false);
            return CheckResult.Pass($"the API server at {server} answers (Kubernetes {version.GitVersion})");
        }
        catch (Exception e) when (e is HttpRequestException or HttpOperationException or TaskCanceledException)
        {
            var why = e is HttpOperationException h
                ? $"{(int)h.Response.StatusCode} {h.Response.ReasonPhrase}"
                : e.Message;
            return CheckResult.Fail(
                $"the API server at {server} does not answer: {why}",
                "check the kubeconfig's server and credentials (kubectl cluster-info)");
        }
    }

    private CheckResult SmiCrd(string name, V1CustomResourceDefinition? crd) => crd is null
        ? CheckResult.Fail($"SMI CRD {name} is not installed", Install)
        : CheckResult.Pass($"SMI CRD {name} is installed, serving {string.Join(", ", Served(crd))}");

    /// <summary>
    /// The conversion webhook: configured with a Service and a CA bundle, the same bundle as the validating webhook
    /// of the installation that owns conversion (the controller writes both from one CA), and answering when the API
    /// server converts an object to another served version.
    /// </summary>
    private async Task<CheckResult> ConversionAsync(V1CustomResourceDefinition crd, CancellationToken cancellationToken)
    {
        var name = crd.Metadata.Name;
        var conversion = crd.Spec.Conversion;
        if (conversion?.Strategy != "Webhook" || conversion.Webhook?.ClientConfig?.Service is not { } service)
        {
            return CheckResult.Fail(
                $"{name} serves several versions but has no conversion webhook",
                $"{Install} (or the install of the mesh that owns SMI CRD conversion)");
        }

        var caBundle = conversion.Webhook.ClientConfig.CaBundle;
        if (caBundle is not { Length: > 0 })
        {
            return CheckResult.Fail(
                $"{name}'s conversion webhook has no CA bundle yet",
                $"the controller writes it at start: kubectl -n {service.NamespaceProperty} logs deploy/"
                + service.Name.Replace("-webhooks", string.Empty, StringComparison.Ordinal));
        }

        var validation = service.Name.EndsWith("-webhooks", StringComparison.Ordinal)
            ? service.Name[..^"-webhooks".Length] + "-validation"
            : null;
        var configuration = validation is null ? null : await ReadAsync(
            t => client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(
                validation, cancellationToken: t),
            cancellationToken).ConfigureAwait(false);
        var current = configuration?.Webhooks?.Select(w => w.ClientConfig?.CaBundle).FirstOrDefault(b => b is not null);
        if (current is not null && !current.AsSpan().SequenceEqual(caBundle))
        {
            return CheckResult.Fail(
                $"{name}'s conversion CA bundle is not the CA of the webhook Service {service.NamespaceProperty}/"
                + $"{service.Name} (it differs from {validation}'s)",
                "restart the controller that owns conversion, which writes its current CA into the CRDs");
        }

        return await AnsweringAsync(crd, service, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CheckResult> AnsweringAsync(
        V1CustomResourceDefinition crd, Apiextensionsv1ServiceReference service, CancellationToken cancellationToken)
    {
        var name = crd.Metadata.Name;
        var group = crd.Spec.Group;
        var plural = crd.Spec.Names.Plural;
        var storage = crd.Spec.Versions.FirstOrDefault(v => v.Storage)?.Name ?? Served(crd)[0];
        var other = Served(crd).FirstOrDefault(v => v != storage);
        var where = $"{service.NamespaceProperty}/{service.Name}";
        int count;
        try
        {
            count = await CountAsync(group, storage, plural, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            return CheckResult.Fail(
                $"{name} cannot be listed in {storage}: {(int)e.Response.StatusCode} {Truncate(e.Response.Content)}",
                $"kubectl get {name}");
        }

        if (count == 0 || other is null)
        {
            return CheckResult.Pass(
                $"{name}'s conversion webhook {where} is configured with a CA bundle (no object to convert yet)");
        }

        try
        {
            await CountAsync(group, other, plural, cancellationToken).ConfigureAwait(false);
            return CheckResult.Pass($"{name}'s conversion webhook {where} answers ({storage} to {other})");
        }
        catch (HttpOperationException e)
        {
            return CheckResult.Fail(
                $"{name}'s conversion webhook {where} does not answer: {(int)e.Response.StatusCode} "
                + Truncate(e.Response.Content),
                $"kubectl -n {service.NamespaceProperty} get endpoints {service.Name}; check the controller's logs");
        }
    }

    private async Task<int> CountAsync(string group, string version, string plural, CancellationToken cancellationToken)
    {
        var list = await client.CustomObjects.ListClusterCustomObjectAsync<CustomObjectList>(
            group, version, plural, limit: 1, cancellationToken: cancellationToken).ConfigureAwait(false);
        return list.Items?.Count ?? 0;
    }

    private async Task<CheckResult> MeshCrdAsync(
        string name, IReadOnlyList<ResourceKind> kinds, CancellationToken cancellationToken)
    {
        var crd = await ReadAsync(
            t => client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name, cancellationToken: t),
            cancellationToken).ConfigureAwait(false);
        var wanted = string.Join(" or ", kinds.Select(k => k.Version));
        if (crd is null)
        {
            return CheckResult.Fail(
                $"{mesh} CRD {name} is not installed", $"install {mesh}'s CRDs (serving {wanted})");
        }

        var served = Served(crd);
        return kinds.Any(k => served.Contains(k.Version))
            ? CheckResult.Pass($"{mesh} CRD {name} is installed, serving {string.Join(", ", served)}")
            : CheckResult.Fail(
                $"{mesh} CRD {name} serves {string.Join(", ", served)}, none the adapter writes ({wanted})",
                $"upgrade {mesh}'s CRDs");
    }

    private async Task<CheckResult> DeploymentAsync(CancellationToken cancellationToken)
    {
        var deployment = await ReadAsync(
            t => client.AppsV1.ReadNamespacedDeploymentAsync(ControllerName, controllerNamespace, cancellationToken: t),
            cancellationToken).ConfigureAwait(false);
        var where = $"{controllerNamespace}/{ControllerName}";
        if (deployment is null)
        {
            return CheckResult.Fail($"the controller Deployment {where} does not exist", Install);
        }

        var wanted = deployment.Spec?.Replicas ?? 1;
        var ready = deployment.Status?.ReadyReplicas ?? 0;
        var image = deployment.Spec?.Template?.Spec?.Containers?.FirstOrDefault()?.Image ?? "no image";
        return ready >= 1 && ready >= wanted
            ? CheckResult.Pass($"the controller Deployment {where} is ready ({ready}/{wanted}, {image})")
            : CheckResult.Fail(
                $"the controller Deployment {where} is not ready ({ready}/{wanted} ready, {image})",
                $"kubectl -n {controllerNamespace} describe deployment {ControllerName}");
    }

    private async Task<CheckResult> LeaseAsync(CancellationToken cancellationToken)
    {
        var lease = await ReadAsync(
            t => client.CoordinationV1.ReadNamespacedLeaseAsync(
                ControllerName, controllerNamespace, cancellationToken: t),
            cancellationToken).ConfigureAwait(false);
        var where = $"{controllerNamespace}/{ControllerName}";
        var hint = $"kubectl -n {controllerNamespace} logs deploy/{ControllerName}";
        if (lease?.Spec is not { } spec || string.IsNullOrEmpty(spec.HolderIdentity))
        {
            return CheckResult.Fail($"no controller holds the Lease {where}: none is leading", hint);
        }

        var renewed = spec.RenewTime is { } renewTime
            ? new DateTimeOffset(renewTime, TimeSpan.Zero)
            : (DateTimeOffset?)null;
        var age = renewed is null ? (TimeSpan?)null : time.GetUtcNow() - renewed.Value;
        var duration = TimeSpan.FromSeconds(spec.LeaseDurationSeconds ?? 15);
        return age is { } a && a <= duration
            ? CheckResult.Pass(
                $"{spec.HolderIdentity} holds the Lease {where}: it leads (renewed {a.TotalSeconds:0}s ago)")
            : CheckResult.Fail(
                $"the Lease {where} of {spec.HolderIdentity} has expired (not renewed in {duration.TotalSeconds:0}s)",
                hint);
    }

    private static List<string> Served(V1CustomResourceDefinition crd) =>
        [.. (crd.Spec?.Versions ?? []).Where(v => v.Served).Select(v => v.Name).Order(StringComparer.Ordinal)];

    private static async Task<T?> ReadAsync<T>(
        Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await read(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static string Truncate(string? text) =>
        text is null ? string.Empty : text.Length <= 200 ? text : text[..200] + "...";

    /// <summary>A list of custom objects, for counting.</summary>
    private sealed class CustomObjectList
    {
        [System.Text.Json.Serialization.JsonPropertyName("items")]
        public List<System.Text.Json.JsonElement>? Items { get; set; }
    }
}
