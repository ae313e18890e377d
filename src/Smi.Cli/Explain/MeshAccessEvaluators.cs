using Smi.Abstractions.Snapshot;
using Smi.Adapters.GatewayApi;
using Smi.Evaluation;

namespace Smi.Cli.Explain;

/// <summary>
/// The evaluator that reads whether a mesh's generated resources let a request through, configured as the
/// translation was: its trust domain, Linkerd's namespace default policies, Consul's service names, and for Gateway
/// API the mesh that <c>--access-control</c> delegates authorization to.
/// </summary>
internal static class MeshAccessEvaluators
{
    /// <summary>Linkerd's namespace annotation that overrides the cluster's default inbound policy.</summary>
    public const string LinkerdDefaultPolicyAnnotation = "config.linkerd.io/default-inbound-policy";

    /// <summary>The evaluator for a mesh, or <see langword="null"/> when the mesh has none.</summary>
    public static IAccessEvaluator? For(string mesh, TranslateSettings settings, MeshSnapshot snapshot) => mesh switch
    {
        "istio" => Istio(settings),
        "linkerd" => Linkerd(settings, snapshot),
        "consul" => new ConsulIntentionsEvaluator(serviceName: pod => ConsulServiceName(snapshot, pod)),
        "gateway-api" => settings.GatewayApiAccessControl switch
        {
            GatewayApiAccessControl.Istio => Istio(settings),
            GatewayApiAccessControl.Linkerd => Linkerd(settings, snapshot),
            _ => new NoAccessControlEvaluator(),
        },
        _ => null,
    };

    private static IstioAuthorizationPolicyEvaluator Istio(TranslateSettings settings) =>
        new(trustDomain: settings.TrustDomain);

    private static LinkerdAuthorizationEvaluator Linkerd(TranslateSettings settings, MeshSnapshot snapshot) => new(
        namespaceDefaultPolicies: snapshot.Namespaces
            .Where(n => n.Annotations.ContainsKey(LinkerdDefaultPolicyAnnotation))
            .ToDictionary(n => n.Name, n => n.Annotations[LinkerdDefaultPolicyAnnotation], StringComparer.Ordinal),
        trustDomain: settings.TrustDomain);

    /// <summary>
    /// The Consul service a pod registers as under consul-k8s: the first name of its
    /// <c>consul.hashicorp.com/connect-service</c> annotation, else the one Service that selects it, else its
    /// ServiceAccount name.
    /// </summary>
    private static string ConsulServiceName(MeshSnapshot snapshot, AccessPod pod)
    {
        var workload = snapshot.WorkloadsIn(pod.Namespace).FirstOrDefault(w => w.ServiceAccount == pod.ServiceAccount
            && w.PodLabels.Count == pod.Labels.Count && pod.HasLabels(w.PodLabels));
        if (workload?.PodAnnotations.GetValueOrDefault("consul.hashicorp.com/connect-service") is { } annotated
            && annotated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                is [var first, ..])
        {
            return first;
        }

        var services = workload is null ? [] : snapshot.ServicesSelecting(workload).Select(s => s.Name).ToList();
        return services.Count == 1 ? services[0] : pod.ServiceAccount;
    }
}
