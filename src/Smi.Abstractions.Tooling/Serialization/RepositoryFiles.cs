using System.Text.Json.Nodes;
using Smi.Abstractions.Diagnostics;

namespace Smi.Abstractions.Serialization;

/// <summary>
/// YAML found in manifest repositories that is not a Kubernetes object: kustomize files, Helm's <c>Chart.yaml</c>
/// and values files, other configuration. Such a document is skipped with an info diagnostic instead of failing the
/// whole input.
/// </summary>
internal static class RepositoryFiles
{
    /// <summary>The reason of a document that has neither apiVersion nor kind.</summary>
    public const string NotAManifest = SmiReasons.NotAManifest;

    /// <summary>The reason of a kustomize file (Kustomization, Component, a kustomize plugin's settings).</summary>
    public const string KustomizeFile = SmiReasons.KustomizeFile;

    /// <summary>The reason of a Helm chart's <c>Chart.yaml</c>.</summary>
    public const string HelmChart = SmiReasons.HelmChart;

    /// <summary>The API groups of kustomize's own configuration kinds, never sent to a cluster.</summary>
    private static readonly string[] KustomizeGroups = ["kustomize.config.k8s.io", "config.kubernetes.io", "builtin"];

    /// <summary>The info diagnostic for a document that is not a Kubernetes object, or null for one that is.</summary>
    public static Diagnostic? Recognize(JsonObject document, string? apiVersion, string? kind)
    {
        if (IsKustomize(apiVersion, kind))
        {
            return Diagnostic.Info(
                KustomizeFile,
                null,
                null,
                $"{kind} is kustomize's own configuration, not a Kubernetes object; it is skipped (to translate what "
                + "kustomize renders, pipe `kubectl kustomize DIR` into smi with -)");
        }

        if (kind is null && apiVersion is "v1" or "v2" && document["name"] is JsonValue
            && document["version"] is JsonValue)
        {
            return Diagnostic.Info(
                HelmChart,
                null,
                null,
                "this is a Helm chart's Chart.yaml, not a Kubernetes object; it is skipped (to translate what the "
                + "chart renders, pipe `helm template` into smi with -)");
        }

        if (apiVersion is null && kind is null && document["apiVersion"] is null && document["kind"] is null)
        {
            return Diagnostic.Info(
                NotAManifest,
                null,
                null,
                "the document has no apiVersion and kind, so it is not a Kubernetes object (Helm values, a tool's "
                + "configuration); it is skipped");
        }

        return null;
    }

    private static bool IsKustomize(string? apiVersion, string? kind)
    {
        var slash = apiVersion?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        var group = slash < 0 ? apiVersion : apiVersion![..slash];
        return (group is not null && KustomizeGroups.Contains(group, StringComparer.Ordinal))
            || (kind is "Kustomization" or "Component" && apiVersion is null);
    }
}
