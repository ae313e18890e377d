using System.CommandLine;
using Smi.Adapters.Consul;
using Smi.Adapters.Istio;
using Smi.Adapters.Linkerd;

namespace Smi.Cli.Options;

/// <summary>
/// The options that shape a translation, shared by <c>translate</c> and <c>validate --mesh</c> so that both run the
/// same checks on the same input.
/// </summary>
internal sealed class TranslateOptionSet
{
    private readonly Option<string> _clusterDomain = new("--cluster-domain")
    {
        Description = "Cluster DNS domain used in host names.",
        DefaultValueFactory = _ => "cluster.local",
    };

    private readonly Option<string> _trustDomain = new("--trust-domain")
    {
        Description = "Mesh trust domain used in workload identities.",
        DefaultValueFactory = _ => "cluster.local",
    };

    private readonly Option<bool> _defaultDeny = new("--default-deny")
    {
        Description = "Reproduce SMI's deny-by-default with the mesh's own means.",
    };

    private readonly Option<string> _consulNamespaces =
        ChoiceOption.Create("--consul-namespaces", [], ["none", "mirror"], "none");

    private readonly Option<string> _consulDenyNamespace = new("--consul-default-deny-namespace")
    {
        Description = "Consul: the namespace that holds the wildcard deny intention written by --default-deny.",
        DefaultValueFactory = _ => "default",
    };

    private readonly Option<string> _istioApiVersion =
        ChoiceOption.Create("--istio-api-version", [], ["v1", "v1beta1"], "v1");

    private readonly Option<string> _linkerdRouteApi = ChoiceOption.Create(
        "--linkerd-route-api",
        [],
        ["gateway.networking.k8s.io/v1", "policy.linkerd.io/v1beta3"],
        "gateway.networking.k8s.io/v1");

    private readonly Option<bool> _serviceProfile = new("--service-profile")
    {
        Description = "Linkerd: split with ServiceProfile dstOverrides (for clusters that rely on them) instead of "
            + "HTTPRoutes.",
    };

    private readonly GatewayApiOptionSet _gatewayApi = new();

    public TranslateOptionSet()
    {
        _consulNamespaces.Description = "Consul: none (one Consul namespace; a service name used in two Kubernetes "
            + "namespaces is an error) or mirror (Consul Enterprise namespace mirroring).";
        _istioApiVersion.Description =
            "Istio: the API version of VirtualService and AuthorizationPolicy (v1beta1 for Istio before 1.22).";
        _linkerdRouteApi.Description = "Linkerd: the HTTPRoute API to emit.";
    }

    public IEnumerable<Option> All =>
    [
        _clusterDomain, _trustDomain, _defaultDeny, _istioApiVersion, _linkerdRouteApi, _serviceProfile,
        _consulNamespaces, _consulDenyNamespace, .. _gatewayApi.All,
    ];

    public TranslateSettings Settings(ParseResult result) => _gatewayApi.Apply(
        new TranslateSettings
        {
            ClusterDomain = result.GetValue(_clusterDomain)!,
            TrustDomain = result.GetValue(_trustDomain)!,
            DefaultDeny = result.GetValue(_defaultDeny),
            ConsulNamespaces = result.GetValue(_consulNamespaces) == "mirror"
                ? ConsulNamespaces.Mirror
                : ConsulNamespaces.None,
            ConsulDefaultDenyNamespace = result.GetValue(_consulDenyNamespace)!,
            LinkerdRouteApi = result.GetValue(_linkerdRouteApi) == "policy.linkerd.io/v1beta3"
                ? LinkerdRouteApi.PolicyV1Beta3
                : LinkerdRouteApi.GatewayApiV1,
            LinkerdServiceProfile = result.GetValue(_serviceProfile),
            IstioApiVersion = result.GetValue(_istioApiVersion) == "v1beta1"
                ? IstioApiVersion.V1Beta1
                : IstioApiVersion.V1,
        },
        result);
}
