namespace Smi.Adapters.Consul;

/// <summary>
/// Settings of the Consul translator. The shared settings (default deny) are in <c>TranslationOptions</c>.
/// </summary>
public sealed class ConsulOptions
{
    /// <summary>
    /// How Kubernetes namespaces map to Consul namespaces. Default <see cref="ConsulNamespaces.None"/>.
    /// </summary>
    public ConsulNamespaces Namespaces { get; set; } = ConsulNamespaces.None;

    /// <summary>
    /// The Kubernetes namespace that holds the mesh-wide deny intention written when default deny is on. Default
    /// <c>default</c>.
    /// </summary>
    public string DefaultDenyNamespace { get; set; } = "default";
}
