using System.Text.Json.Nodes;

namespace Smi.Evaluation;

/// <summary>
/// Consul service intentions
/// (https://developer.hashicorp.com/consul/docs/connect/config-entries/service-intentions and
/// https://developer.hashicorp.com/consul/docs/connect/intentions):
/// <list type="bullet">
/// <item>"Precedence and match order": of all intentions whose destination and source match, the one with the
/// highest precedence decides; an exact destination ranks above a wildcard one, and for equal destinations an exact
/// source above a wildcard one (namespaces, when named, rank between the two).</item>
/// <item><c>Sources[].Action</c>: an L4 intention allows or denies every connection of that source.</item>
/// <item><c>Sources[].Permissions[]</c>: "The first permission to match in the list is terminal and stops further
/// evaluation", and traffic that matches none "will be subject to the default intention behavior as defined by the
/// default ACL policy". L7 permissions need the destination's protocol to be <c>http</c>, <c>http2</c> or
/// <c>grpc</c> (ServiceDefaults); Consul refuses an entry with permissions for another protocol, so it has no
/// effect.</item>
/// <item>A service whose protocol is <c>http</c>, <c>http2</c> or <c>grpc</c> gets an HTTP listener
/// (https://developer.hashicorp.com/consul/docs/connect/config-entries/service-defaults, <c>Protocol</c>): a
/// connection that does not speak HTTP does not get through, whatever the intentions say.</item>
/// <item>Without a matching intention the default applies: deny with ACLs <c>default_policy = deny</c>, allow
/// otherwise.</item>
/// </list>
/// Intentions name services, not ports: they apply to every port of the destination's sidecar. Envoy proxies TCP,
/// not UDP, so intentions do not stop UDP. With transparent proxy (the consul-k8s default), the pod's iptables rules
/// send every inbound TCP connection, whatever its port, to the proxy's public listener, which forwards what the
/// intentions allow to the one port the service is registered with (<see cref="ServicePort"/>): a connection to
/// another port never reaches that port (https://developer.hashicorp.com/consul/docs/connect/transparent-proxy;
/// https://developer.hashicorp.com/consul/commands/connect/redirect-traffic, "intercept and redirect all inbound and
/// outbound TCP traffic"; consul-k8s <c>control-plane/connect-inject/controllers/endpoints/endpoints_controller.go</c>,
/// <c>createServiceRegistrations</c>, which sets the proxy's <c>LocalServicePort</c> to the service port). Ports in
/// <c>consul.hashicorp.com/transparent-proxy-exclude-inbound-ports</c> bypass the proxy and are not modelled. A pod's
/// Consul service
/// is its ServiceAccount name unless told otherwise (consul-k8s with ACLs requires the two to be equal,
/// https://developer.hashicorp.com/consul/docs/k8s/connect#kubernetes-service-accounts).
/// </summary>
/// <param name="defaultAllow">Whether Consul allows what no intention decides (ACLs off or default allow).</param>
/// <param name="serviceName">The Consul service name of a pod; its ServiceAccount name by default.</param>
public sealed class ConsulIntentionsEvaluator(bool defaultAllow = true, Func<AccessPod, string>? serviceName = null)
    : IAccessEvaluator
{
    private static readonly string[] L7Protocols = ["http", "http2", "grpc"];

    private readonly Func<AccessPod, string> _serviceName = serviceName ?? (pod => pod.ServiceAccount);

    /// <summary>
    /// The port a destination pod's Consul service is registered with: the pod's
    /// <c>consul.hashicorp.com/connect-service-port</c> annotation, by default the first port its containers declare
    /// (https://developer.hashicorp.com/consul/docs/k8s/annotations-and-labels). A TCP connection or HTTP request to
    /// another port is denied, since the proxy delivers it to this port instead. <see langword="null"/> (the
    /// default), or a function returning <see langword="null"/>, judges every port by the intentions alone.
    /// </summary>
    public Func<AccessPod, int?>? ServicePort { get; init; }

    /// <inheritdoc/>
    public AccessDecision Evaluate(IReadOnlyList<JsonObject> resources, AccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Protocol == AccessProtocol.Udp)
        {
            return AccessDecision.Allow("UDP is not proxied");
        }

        if (ServicePort?.Invoke(request.Destination) is { } servicePort && servicePort != request.Port)
        {
            return AccessDecision.Deny(
                $"the proxy forwards inbound connections to service port {servicePort}, never to port {request.Port}");
        }

        var destination = _serviceName(request.Destination);
        var source = _serviceName(request.Source);
        var l7 = L7Protocols.Contains(Protocol(resources, destination, request.Destination.Namespace));
        if (l7 && !request.IsHttp)
        {
            return AccessDecision.Deny($"service {destination} speaks HTTP; the connection does not");
        }

        var best = resources
            .Where(r => JsonFields.Text(r, "kind") == "ServiceIntentions")
            .Select(r => (Entry: r, Spec: JsonFields.Object(r, "spec")))
            .Where(e => l7 || !JsonFields.Objects(e.Spec, "sources").Any(s => s["permissions"] is JsonArray))
            .Select(e => (e.Entry, Rank: Rank(JsonFields.Object(e.Spec, "destination"), destination,
                request.Destination.Namespace), e.Spec))
            .Where(e => e.Rank >= 0)
            .SelectMany(e => JsonFields.Objects(e.Spec, "sources").Select(s =>
                (e.Entry, Source: s, e.Rank, SourceRank: Rank(s, source, request.Source.Namespace))))
            .Where(e => e.SourceRank >= 0)
            .Select(e => (e.Entry, e.Source, Rank: (e.Rank * 3) + e.SourceRank))
            .OrderByDescending(e => e.Rank)
            .Select(e => ((JsonObject, JsonObject)?)(e.Entry, e.Source))
            .FirstOrDefault();
        if (best is not var (entry, decisive))
        {
            return Default("no intention matches");
        }

        var name = $"{JsonFields.Name(entry)} source {JsonFields.Text(decisive, "name")}";
        if (decisive["permissions"] is not JsonArray)
        {
            return JsonFields.Text(decisive, "action") == "allow"
                ? AccessDecision.Allow($"intention {name}")
                : AccessDecision.Deny($"intention {name}");
        }

        var permission = JsonFields.Objects(decisive, "permissions").FirstOrDefault(p =>
            ConsulDiscoveryChainEvaluator.Matches(JsonFields.Object(p, "http"), request.Request));
        if (permission is null)
        {
            return Default($"no permission of intention {name} matches");
        }

        return JsonFields.Text(permission, "action") == "allow"
            ? AccessDecision.Allow($"permission of intention {name}")
            : AccessDecision.Deny($"permission of intention {name}");
    }

    private AccessDecision Default(string why) => defaultAllow
        ? AccessDecision.Allow($"{why}; default allow")
        : AccessDecision.Deny($"{why}; default deny");

    /// <summary>The protocol of the service's ServiceDefaults, <c>tcp</c> without one.</summary>
    private static string Protocol(IReadOnlyList<JsonObject> resources, string service, string ns) =>
        resources
            .Where(r => JsonFields.Text(r, "kind") == "ServiceDefaults" && JsonFields.Name(r) == service)
            .OrderByDescending(r => JsonFields.Text(JsonFields.Object(r, "metadata"), "namespace") == ns)
            .Select(r => JsonFields.Text(JsonFields.Object(r, "spec"), "protocol"))
            .FirstOrDefault() ?? "tcp";

    /// <summary>
    /// How specifically a destination or source names a service: 2 by name, 1 by namespace only, 0 by wildcard,
    /// -1 when it does not match.
    /// </summary>
    private static int Rank(JsonObject? reference, string service, string ns)
    {
        var name = JsonFields.Text(reference, "name");
        var refNs = JsonFields.Text(reference, "namespace");
        if ((name != "*" && name != service) || (refNs is not null && refNs != "*" && refNs != ns))
        {
            return -1;
        }

        return name != "*" ? 2 : refNs is not null && refNs != "*" ? 1 : 0;
    }
}
