namespace Smi.Abstractions.Translation;

/// <summary>Settings every mesh translator shares. Each adapter adds its own options type for the rest.</summary>
public sealed class TranslationOptions
{
    /// <summary>The cluster DNS domain used in service host names. Default <c>cluster.local</c>.</summary>
    public string ClusterDomain { get; set; } = "cluster.local";

    /// <summary>The mesh trust domain used in workload identities. Default <c>cluster.local</c>.</summary>
    public string TrustDomain { get; set; } = "cluster.local";

    /// <summary>
    /// Whether to reproduce SMI's deny-by-default with the mesh's own means (a deny-all policy per namespace, a
    /// wildcard deny intention, or a diagnostic naming the annotation to set).
    /// </summary>
    public bool DefaultDeny { get; set; }
}
