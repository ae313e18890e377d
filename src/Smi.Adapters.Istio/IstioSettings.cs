using Smi.Abstractions.Translation;

namespace Smi.Adapters.Istio;

/// <summary>The effective settings: Istio options over the shared translation options.</summary>
internal sealed record IstioSettings(string ClusterDomain, string TrustDomain, bool DefaultDeny,
    IstioApiVersion ApiVersion)
{
    public static IstioSettings From(TranslationOptions shared, IstioOptions istio) => new(
        istio.ClusterDomain ?? shared.ClusterDomain,
        istio.TrustDomain ?? shared.TrustDomain,
        istio.DefaultDeny ?? shared.DefaultDeny,
        istio.ApiVersion);

    private string Version => ApiVersion == IstioApiVersion.V1Beta1 ? "v1beta1" : "v1";

    public string NetworkingApiVersion => $"networking.istio.io/{Version}";

    public string SecurityApiVersion => $"security.istio.io/{Version}";
}
