using System.Collections.Immutable;
using Smi.Abstractions.Adapters;

namespace Smi.Adapters.Linkerd;

/// <summary>
/// The Linkerd adapter: <see cref="LinkerdTranslator"/> with <see cref="LinkerdOptions"/> (section <c>linkerd</c>),
/// the policy and route kinds it writes (Gateway API or <c>policy.linkerd.io</c> HTTPRoutes, ServiceProfiles, Servers
/// and their authorizations) and Linkerd's proxy metrics.
/// </summary>
public sealed class LinkerdAdapter : MeshAdapter<LinkerdOptions, LinkerdTranslator>
{
    /// <inheritdoc/>
    public override string Name => LinkerdTranslator.MeshName;

    /// <inheritdoc/>
    public override ImmutableArray<MeshResourceKind> OutputKinds { get; } =
    [
        new("gateway.networking.k8s.io", "v1", "httproutes", "HTTPRoute"),
        new("policy.linkerd.io", "v1beta3", "servers", "Server"),
        new("policy.linkerd.io", "v1alpha1", "authorizationpolicies", "AuthorizationPolicy"),
        new("policy.linkerd.io", "v1alpha1", "meshtlsauthentications", "MeshTLSAuthentication"),
        new("policy.linkerd.io", "v1alpha1", "networkauthentications", "NetworkAuthentication"),
        new("policy.linkerd.io", "v1beta3", "httproutes", "HTTPRoute"),
        new("linkerd.io", "v1alpha2", "serviceprofiles", "ServiceProfile"),
        new("gateway.networking.k8s.io", "v1alpha2", "tcproutes", "TCPRoute"),
    ];

    /// <inheritdoc/>
    public override string? MetricsQueries => LinkerdTranslator.MeshName;
}
