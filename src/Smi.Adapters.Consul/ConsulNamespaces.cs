namespace Smi.Adapters.Consul;

/// <summary>How Kubernetes namespaces relate to Consul namespaces.</summary>
public enum ConsulNamespaces
{
    /// <summary>
    /// One Consul namespace (Consul Community Edition, or Enterprise without namespaces): service names are global, so
    /// one name used in two Kubernetes namespaces is reported instead of translated.
    /// </summary>
    None = 0,

    /// <summary>
    /// Consul Enterprise namespace mirroring without a prefix: each Kubernetes namespace is the Consul namespace of the
    /// same name, and intentions name the namespaces of their destination and sources.
    /// </summary>
    Mirror = 1,
}
