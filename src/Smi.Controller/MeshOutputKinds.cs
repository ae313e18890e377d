using System.Collections.Immutable;

namespace Smi.Controller;

/// <summary>
/// The kinds each mesh's translator can emit: the controller watches them by its labels and prunes those no unit wants.
/// Kept as data so a new output kind is one line. When a kind is listed in several versions, the controller watches the
/// first one the cluster serves (the server converts between versions).
/// </summary>
public static class MeshOutputKinds
{
    /// <summary>The output kinds per mesh name.</summary>
    public static ImmutableSortedDictionary<string, ImmutableArray<ResourceKind>> ByMesh { get; } =
        new Dictionary<string, ImmutableArray<ResourceKind>>
        {
            ["istio"] =
            [
                new("networking.istio.io", "v1", "virtualservices", "VirtualService"),
                new("networking.istio.io", "v1", "destinationrules", "DestinationRule"),
                new("security.istio.io", "v1", "authorizationpolicies", "AuthorizationPolicy"),
                new("networking.istio.io", "v1beta1", "virtualservices", "VirtualService"),
                new("networking.istio.io", "v1beta1", "destinationrules", "DestinationRule"),
                new("security.istio.io", "v1beta1", "authorizationpolicies", "AuthorizationPolicy"),
            ],
            ["linkerd"] =
            [
                new("gateway.networking.k8s.io", "v1", "httproutes", "HTTPRoute"),
                new("policy.linkerd.io", "v1beta3", "servers", "Server"),
                new("policy.linkerd.io", "v1alpha1", "authorizationpolicies", "AuthorizationPolicy"),
                new("policy.linkerd.io", "v1alpha1", "meshtlsauthentications", "MeshTLSAuthentication"),
                new("policy.linkerd.io", "v1alpha1", "networkauthentications", "NetworkAuthentication"),
                new("policy.linkerd.io", "v1beta3", "httproutes", "HTTPRoute"),
                new("linkerd.io", "v1alpha2", "serviceprofiles", "ServiceProfile"),
                new("gateway.networking.k8s.io", "v1alpha2", "tcproutes", "TCPRoute"),
            ],
            ["gateway-api"] =
            [
                new("gateway.networking.k8s.io", "v1", "httproutes", "HTTPRoute"),
                new("gateway.networking.k8s.io", "v1", "tcproutes", "TCPRoute"),
                new("gateway.networking.k8s.io", "v1alpha2", "tcproutes", "TCPRoute"),
            ],
            ["consul"] =
            [
                new("consul.hashicorp.com", "v1alpha1", "servicesplitters", "ServiceSplitter"),
                new("consul.hashicorp.com", "v1alpha1", "servicerouters", "ServiceRouter"),
                new("consul.hashicorp.com", "v1alpha1", "serviceresolvers", "ServiceResolver"),
                new("consul.hashicorp.com", "v1alpha1", "servicedefaults", "ServiceDefaults"),
                new("consul.hashicorp.com", "v1alpha1", "serviceintentions", "ServiceIntentions"),
            ],
        }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>The output kinds of a mesh.</summary>
    /// <param name="mesh">The mesh name.</param>
    /// <returns>The kinds; empty for an unknown mesh.</returns>
    public static ImmutableArray<ResourceKind> For(string mesh) => ByMesh.GetValueOrDefault(mesh, []);
}
