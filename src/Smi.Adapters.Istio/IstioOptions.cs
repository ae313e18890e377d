namespace Smi.Adapters.Istio;

/// <summary>
/// Istio-specific settings. Values left <see langword="null"/> fall back to the shared
/// <see cref="Smi.Abstractions.Translation.TranslationOptions"/>.
/// </summary>
public sealed class IstioOptions
{
    /// <summary>
    /// The cluster DNS domain of VirtualService hosts; <see langword="null"/> uses the shared setting.
    /// </summary>
    public string? ClusterDomain { get; set; }

    /// <summary>
    /// The trust domain of source principals (<c>&lt;trustDomain&gt;/ns/&lt;ns&gt;/sa/&lt;sa&gt;</c>);
    /// <see langword="null"/> uses the shared setting.
    /// </summary>
    public string? TrustDomain { get; set; }

    /// <summary>
    /// Whether to emit an empty (deny-all) AuthorizationPolicy in every namespace that has TrafficTargets, as SMI
    /// denies by default; <see langword="null"/> uses the shared setting.
    /// </summary>
    public bool? DefaultDeny { get; set; }

    /// <summary>
    /// The API version of the VirtualServices and AuthorizationPolicies. Default <see cref="IstioApiVersion.V1"/>.
    /// </summary>
    public IstioApiVersion ApiVersion { get; set; } = IstioApiVersion.V1;
}
