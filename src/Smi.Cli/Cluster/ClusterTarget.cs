using k8s;

namespace Smi.Cli.Cluster;

/// <summary>The cluster a command reads: a client, where it points, and the namespace scope.</summary>
/// <param name="Client">The client.</param>
/// <param name="Server">The API server's URL.</param>
/// <param name="Context">The kubeconfig context used.</param>
/// <param name="Namespace">The namespace to read; null for all namespaces.</param>
internal sealed record ClusterTarget(Kubernetes Client, string Server, string Context, string? Namespace)
    : IDisposable
{
    public void Dispose() => Client.Dispose();
}
