using k8s;
using Smi.Cli.Install;
using Smi.Webhooks.Manifests;

namespace Smi.Cli.Cluster;

/// <summary>
/// What <c>smi version</c> reads from a cluster: the controllers' versions and the served SMI versions.
/// </summary>
/// <param name="Controllers">Each controller Deployment (<c>ns/name</c>) and its version.</param>
/// <param name="SmiVersions">Each installed SMI CRD and the versions it serves.</param>
internal sealed record ClusterVersions(
    IReadOnlyList<(string Deployment, string Version)> Controllers,
    IReadOnlyList<(string Crd, IReadOnlyList<string> Served)> SmiVersions)
{
    /// <summary>The label a Deployment's version is read from first; then its image tag.</summary>
    public const string VersionLabel = "app.kubernetes.io/version";

    /// <summary>Reads the controllers installed in <paramref name="ns"/> and the SMI CRDs.</summary>
    public static async Task<ClusterVersions> ReadAsync(
        IKubernetes client, string ns, CancellationToken cancellationToken)
    {
        var names = InstallableMeshes.All().Select(m => $"smi-adapter-{m}").ToHashSet(StringComparer.Ordinal);
        var deployments = await client.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var controllers = deployments.Items
            .Where(d => names.Contains(d.Metadata.Name))
            .Select(d => ($"{ns}/{d.Metadata.Name}", VersionOf(
                d.Metadata.Labels is { } labels && labels.TryGetValue(VersionLabel, out var label) ? label : null,
                d.Spec?.Template?.Spec?.Containers?.FirstOrDefault()?.Image)))
            .OrderBy(c => c.Item1, StringComparer.Ordinal)
            .ToList();
        var crds = await client.ApiextensionsV1.ListCustomResourceDefinitionAsync(cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var smiNames = WebhookManifests.CrdNames().ToHashSet(StringComparer.Ordinal);
        var smi = crds.Items
            .Where(c => smiNames.Contains(c.Metadata.Name))
            .Select(c => (c.Metadata.Name, (IReadOnlyList<string>)[.. c.Spec.Versions.Where(v => v.Served)
                .Select(v => v.Name).Order(StringComparer.Ordinal)]))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        return new ClusterVersions(controllers, smi);
    }

    /// <summary>The version label, else the image tag (not a digest), else <c>unknown</c>.</summary>
    public static string VersionOf(string? label, string? image)
    {
        if (!string.IsNullOrEmpty(label))
        {
            return label;
        }

        var name = image ?? string.Empty;
        var at = name.IndexOf('@', StringComparison.Ordinal);
        name = at < 0 ? name : name[..at];
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') && colon >= 0 ? name[(colon + 1)..] : "unknown";
    }
}
