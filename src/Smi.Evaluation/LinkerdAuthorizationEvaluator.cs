using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Smi.Evaluation;

/// <summary>
/// Linkerd's inbound policy (https://linkerd.io/2-edge/reference/authorization-policy/):
/// <list type="bullet">
/// <item>"Default policies": a pod port that no <c>Server</c> selects gets the default inbound policy, the
/// namespace's <c>config.linkerd.io/default-inbound-policy</c> or else the cluster's
/// <c>proxy.defaultInboundPolicy</c> (<c>all-unauthenticated</c> unless installed otherwise). Every policy but
/// <c>deny</c> lets a meshed in-cluster client in.</item>
/// <item>"Server": a Server selects pods (<c>podSelector</c>) and one port (a number, or a container port name
/// resolved on each pod). Once a Server selects a port, only what an AuthorizationPolicy authorizes gets in. Of
/// several Servers on one port the oldest is used.</item>
/// <item>"HTTPRoute": routes whose parent is the Server describe its HTTP traffic; the one route match a request
/// ranks first handles it (https://linkerd.io/2-edge/reference/httproute/; ranked as the proxy does,
/// <see cref="HttpRoutePrecedence.Linkerd"/>), and a request that no route matches is refused. A Server without
/// routes has a default route accepting everything.
/// Routes do not apply to opaque Servers (<c>proxyProtocol: opaque</c>) or to non-HTTP traffic.</item>
/// <item>"AuthorizationPolicy": a policy authorizes a request when every authentication in
/// <c>requiredAuthenticationRefs</c> accepts the client. It applies to the route it targets, to every request of the
/// Server it targets, and to every Server of the Namespace it targets.</item>
/// <item>"MeshTLSAuthentication": <c>identities</c> (<c>*</c>, an exact identity, or <c>*.</c> followed by a suffix)
/// and <c>identityRefs</c> (a ServiceAccount, all ServiceAccounts of a Namespace). A client's identity is
/// <c>&lt;sa&gt;.&lt;ns&gt;.serviceaccount.identity.linkerd.&lt;trust domain&gt;</c>.
/// "NetworkAuthentication" accepts every in-cluster client only with a network of all addresses.</item>
/// </list>
/// The proxy handles TCP only (https://linkerd.io/2-edge/features/protocol-detection/ "TCP-based"), so no policy
/// stops UDP.
/// </summary>
/// <param name="clusterDefaultPolicy">The cluster-wide default inbound policy.</param>
/// <param name="namespaceDefaultPolicies">Namespaces annotated with another default inbound policy.</param>
/// <param name="trustDomain">The identity trust domain (<c>cluster.local</c> by default).</param>
public sealed class LinkerdAuthorizationEvaluator(
    string clusterDefaultPolicy = "all-unauthenticated",
    IReadOnlyDictionary<string, string>? namespaceDefaultPolicies = null,
    string trustDomain = "cluster.local") : IAccessEvaluator
{
    private const string PolicyGroup = "policy.linkerd.io";

    private readonly GatewayHttpRouteEvaluator _routes = new(HttpRoutePrecedence.Linkerd);

    private readonly IReadOnlyDictionary<string, string> _namespaceDefaults =
        namespaceDefaultPolicies ?? ImmutableDictionary<string, string>.Empty;

    /// <inheritdoc/>
    public AccessDecision Evaluate(IReadOnlyList<JsonObject> resources, AccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Protocol == AccessProtocol.Udp)
        {
            return AccessDecision.Allow("UDP is not proxied");
        }

        var ns = request.Destination.Namespace;
        var server = resources
            .Where(r => JsonFields.IsKind(r, "Server", ns) && Selects(r, request.Destination, request.Port))
            .OrderBy(r => JsonFields.Text(JsonFields.Object(r, "metadata"), "creationTimestamp") ?? string.Empty,
                StringComparer.Ordinal)
            .ThenBy(r => JsonFields.Name(r), StringComparer.Ordinal)
            .FirstOrDefault();
        if (server is null)
        {
            var policy = _namespaceDefaults.GetValueOrDefault(ns) ?? clusterDefaultPolicy;
            return policy == "deny"
                ? AccessDecision.Deny("no Server; default policy deny")
                : AccessDecision.Allow($"no Server; default policy {policy}");
        }

        var serverName = JsonFields.Name(server) ?? string.Empty;
        var opaque = JsonFields.Text(JsonFields.Object(server, "spec"), "proxyProtocol") == "opaque";
        var routes = resources.Where(r => JsonFields.IsKind(r, "HTTPRoute", ns) && IsChildOf(r, serverName)).ToList();
        string? routeName = null;
        if (request.IsHttp && !opaque && routes.Count > 0)
        {
            if (_routes.Best(routes, request.Request) is not { } best)
            {
                return AccessDecision.Deny($"no HTTPRoute of Server {serverName} matches");
            }

            routeName = JsonFields.Name(best.Route);
        }

        var authorizing = resources.FirstOrDefault(r => JsonFields.IsKind(r, "AuthorizationPolicy", ns)
            && Targets(r, serverName, routeName, ns)
            && Authenticates(resources, r, request.Source));
        return authorizing is null
            ? AccessDecision.Deny($"no AuthorizationPolicy of Server {serverName}"
                + (routeName is null ? string.Empty : $" route {routeName}") + " admits the client")
            : AccessDecision.Allow($"AuthorizationPolicy {JsonFields.Name(authorizing)}");
    }

    private static bool Selects(JsonObject server, AccessPod pod, int port)
    {
        var spec = JsonFields.Object(server, "spec");
        var selector = JsonFields.Object(spec, "podSelector");
        if (selector is null || !LabelSelectorMatches(selector, pod))
        {
            return false;
        }

        return spec?["port"] switch
        {
            JsonValue v when v.TryGetValue<int>(out var number) => number == port,
            JsonValue v when v.TryGetValue<string>(out var name) => pod.NamedPorts.GetValueOrDefault(name) == port,
            _ => false,
        };
    }

    /// <summary>A Kubernetes LabelSelector: <c>matchLabels</c> and <c>matchExpressions</c>, ANDed.</summary>
    private static bool LabelSelectorMatches(JsonObject selector, AccessPod pod)
    {
        var labels = (JsonFields.Object(selector, "matchLabels") ?? [])
            .Select(l => KeyValuePair.Create(l.Key, l.Value?.GetValue<string>() ?? string.Empty));
        return pod.HasLabels(labels) && JsonFields.Objects(selector, "matchExpressions").All(e =>
        {
            var key = JsonFields.Text(e, "key") ?? string.Empty;
            var values = (e["values"] as JsonArray ?? []).Select(v => v?.GetValue<string>()).ToList();
            var has = pod.Labels.TryGetValue(key, out var value);
            return JsonFields.Text(e, "operator") switch
            {
                "In" => has && values.Contains(value),
                "NotIn" => !has || !values.Contains(value),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
        });
    }

    private static bool IsChildOf(JsonObject route, string server) =>
        JsonFields.Objects(JsonFields.Object(route, "spec"), "parentRefs").Any(p =>
            JsonFields.Text(p, "kind") == "Server" && JsonFields.Text(p, "group") == PolicyGroup
            && JsonFields.Text(p, "name") == server);

    private static bool Targets(JsonObject policy, string server, string? route, string ns)
    {
        var target = JsonFields.Object(JsonFields.Object(policy, "spec"), "targetRef");
        var name = JsonFields.Text(target, "name");
        return JsonFields.Text(target, "kind") switch
        {
            "Server" => name == server,
            "HTTPRoute" => route is not null && name == route,
            "Namespace" => name == ns,
            _ => false,
        };
    }

    private bool Authenticates(IReadOnlyList<JsonObject> resources, JsonObject policy, AccessPod client)
    {
        var ns = JsonFields.Text(JsonFields.Object(policy, "metadata"), "namespace") ?? string.Empty;
        return JsonFields.Objects(JsonFields.Object(policy, "spec"), "requiredAuthenticationRefs").All(reference =>
        {
            var kind = JsonFields.Text(reference, "kind");
            var name = JsonFields.Text(reference, "name");
            var refNs = JsonFields.Text(reference, "namespace") ?? ns;
            if (kind == "ServiceAccount")
            {
                return client.ServiceAccount == name && client.Namespace == refNs;
            }

            var authentication = resources.FirstOrDefault(r => JsonFields.IsKind(r, kind ?? string.Empty, refNs)
                && JsonFields.Name(r) == name);
            return kind switch
            {
                "MeshTLSAuthentication" when authentication is not null => MeshTls(authentication, refNs, client),
                "NetworkAuthentication" when authentication is not null => AllNetworks(authentication),
                _ => false,
            };
        });
    }

    private bool MeshTls(JsonObject authentication, string ns, AccessPod client)
    {
        var spec = JsonFields.Object(authentication, "spec");
        var identity = $"{client.ServiceAccount}.{client.Namespace}.serviceaccount.identity.linkerd.{trustDomain}";
        var identities = (spec?["identities"] as JsonArray ?? []).Select(v => v?.GetValue<string>() ?? string.Empty);
        return identities.Any(i => i == "*" || i == identity
                || (i.StartsWith("*.", StringComparison.Ordinal)
                    && identity.EndsWith(i[1..], StringComparison.Ordinal)))
            || JsonFields.Objects(spec, "identityRefs").Any(r =>
            {
                var name = JsonFields.Text(r, "name");
                return JsonFields.Text(r, "kind") switch
                {
                    "ServiceAccount" => (name is null || name == "*" || name == client.ServiceAccount)
                        && (JsonFields.Text(r, "namespace") ?? ns) == client.Namespace,
                    "Namespace" => name is null || name == "*" || name == client.Namespace,
                    _ => false,
                };
            });
    }

    private static bool AllNetworks(JsonObject authentication) =>
        JsonFields.Objects(JsonFields.Object(authentication, "spec"), "networks")
            .Any(n => JsonFields.Text(n, "cidr") is "0.0.0.0/0" or "::/0"
                && n["except"] is not JsonArray { Count: > 0 });
}
