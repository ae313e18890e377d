using System.Globalization;
using System.Text.Json.Nodes;

namespace Smi.Evaluation;

/// <summary>
/// Istio AuthorizationPolicy semantics for sidecar workloads
/// (https://istio.io/latest/docs/reference/config/security/authorization-policy/):
/// <list type="bullet">
/// <item>Order (section "Authorization Policy"): "If there are any DENY policies that match the request, deny the
/// request. If there are no ALLOW policies for the workload, allow the request. If any of the ALLOW policies match
/// the request, allow the request. Deny the request." CUSTOM and AUDIT policies do not decide here.</item>
/// <item>Scope ("AuthorizationPolicy", <c>selector</c>): a policy in the root namespace applies to every namespace,
/// one in another namespace to that namespace; without a selector it applies to every workload there, with one to
/// the workloads whose labels include it. A policy with <c>targetRef(s)</c> applies to waypoints and gateways, not to
/// sidecars.</item>
/// <item>Rules ("Rule"): "A match occurs when at least one rule matches the request. If not set, the match will never
/// occur": an ALLOW policy without rules (<c>spec: {}</c>) denies. A rule matches when its <c>from</c>, <c>to</c> and
/// <c>when</c> all match; an absent <c>from</c> or <c>to</c> matches any source or operation. Entries of a list are
/// ORed, fields of one entry ANDed.</item>
/// <item>Fields ("Source", "Operation"): a repeated field that is empty is the same as absent (proto3 has no
/// presence for lists), so <c>ports: []</c> matches any port. Strings match exactly, by prefix (<c>abc*</c>), by
/// suffix (<c>*abc</c>) or by presence (<c>*</c>). <c>ports</c> are the workload's (container) ports, and
/// principals are <c>&lt;trust domain&gt;/ns/&lt;namespace&gt;/sa/&lt;service account&gt;</c>.</item>
/// <item>TCP ("Rule", note on HTTP-only fields): for TCP traffic, a rule of an ALLOW policy that uses HTTP-only
/// fields (methods, paths, hosts, request principals, <c>request.*</c> conditions) never matches; in a DENY policy
/// those fields are ignored, so the rule denies more.</item>
/// </list>
/// UDP is not intercepted by the sidecar (https://istio.io/latest/docs/ops/configuration/traffic-management/
/// protocol-selection/: Istio proxies TCP based protocols), so no policy stops it.
/// </summary>
/// <param name="rootNamespace">The mesh root namespace (<c>istio-system</c> by default).</param>
/// <param name="trustDomain">The trust domain of principals (<c>cluster.local</c> by default).</param>
public sealed class IstioAuthorizationPolicyEvaluator(
    string rootNamespace = "istio-system", string trustDomain = "cluster.local") : IAccessEvaluator
{
    private static readonly string[] HttpOperationFields = ["methods", "notMethods", "paths", "notPaths", "hosts",
        "notHosts"];

    private static readonly string[] HttpSourceFields = ["requestPrincipals", "notRequestPrincipals"];

    /// <inheritdoc/>
    public AccessDecision Evaluate(IReadOnlyList<JsonObject> resources, AccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Protocol == AccessProtocol.Udp)
        {
            return AccessDecision.Allow("UDP is not intercepted by the sidecar");
        }

        var policies = resources.Where(r => JsonFields.Text(r, "kind") == "AuthorizationPolicy"
            && AppliesTo(r, request.Destination)).ToList();
        foreach (var policy in policies.Where(p => Action(p) == "DENY"))
        {
            if (MatchingRule(policy, request, deny: true) is { } rule)
            {
                return AccessDecision.Deny($"DENY policy {Describe(policy)}") with
                {
                    DecidedBy = $"AuthorizationPolicy {Describe(policy)}", Rule = rule,
                };
            }
        }

        var allows = policies.Where(p => Action(p) == "ALLOW").ToList();
        if (allows.Count == 0)
        {
            return AccessDecision.Allow("no ALLOW policy applies to the workload");
        }

        var allowing = allows
            .Select(p => (Policy: p, Rule: MatchingRule(p, request, deny: false)))
            .FirstOrDefault(p => p.Rule is not null);
        return allowing.Policy is null
            ? AccessDecision.Deny($"no rule of {allows.Count} ALLOW policies matches")
            : AccessDecision.Allow($"ALLOW policy {Describe(allowing.Policy)}") with
            {
                DecidedBy = $"AuthorizationPolicy {Describe(allowing.Policy)}", Rule = allowing.Rule,
            };
    }

    /// <summary>The first rule of the policy that matches the request, as <c>rules[i]</c>; null if none does.</summary>
    private string? MatchingRule(JsonObject policy, AccessRequest request, bool deny)
    {
        var index = 0;
        foreach (var rule in Rules(policy))
        {
            if (RuleMatches(rule, request, deny))
            {
                return FormattableString.Invariant($"rules[{index}]");
            }

            index++;
        }

        return null;
    }

    private static string Action(JsonObject policy) =>
        JsonFields.Text(JsonFields.Object(policy, "spec"), "action") ?? "ALLOW";

    private static IEnumerable<JsonObject> Rules(JsonObject policy) =>
        JsonFields.Objects(JsonFields.Object(policy, "spec"), "rules");

    private static string Describe(JsonObject policy) =>
        $"{JsonFields.Text(JsonFields.Object(policy, "metadata"), "namespace")}/{JsonFields.Name(policy)}";

    private bool AppliesTo(JsonObject policy, AccessPod pod)
    {
        var ns = JsonFields.Text(JsonFields.Object(policy, "metadata"), "namespace");
        var spec = JsonFields.Object(policy, "spec");
        if ((ns != pod.Namespace && ns != rootNamespace) || spec?["targetRef"] is not null
            || spec?["targetRefs"] is JsonArray { Count: > 0 })
        {
            return false;
        }

        var labels = JsonFields.Object(JsonFields.Object(spec, "selector"), "matchLabels") ?? [];
        return pod.HasLabels(labels.Select(l => KeyValuePair.Create(l.Key, l.Value?.GetValue<string>() ?? "")));
    }

    private bool RuleMatches(JsonObject rule, AccessRequest request, bool deny)
    {
        var from = JsonFields.Objects(rule, "from").ToList();
        var to = JsonFields.Objects(rule, "to").ToList();
        var when = JsonFields.Objects(rule, "when").ToList();
        if (!request.IsHttp && !deny && UsesHttpFields(from, to, when))
        {
            return false;
        }

        return (from.Count == 0 || from.Any(f => SourceMatches(JsonFields.Object(f, "source"), request)))
            && (to.Count == 0 || to.Any(t => OperationMatches(JsonFields.Object(t, "operation"), request)))
            && when.All(c => ConditionMatches(c, request));
    }

    private static bool UsesHttpFields(List<JsonObject> from, List<JsonObject> to, List<JsonObject> when) =>
        from.Any(f => HttpSourceFields.Any(n => Values(JsonFields.Object(f, "source"), n).Count > 0))
        || to.Any(t => HttpOperationFields.Any(n => Values(JsonFields.Object(t, "operation"), n).Count > 0))
        || when.Any(c => (JsonFields.Text(c, "key") ?? string.Empty).StartsWith("request.", StringComparison.Ordinal));

    private bool SourceMatches(JsonObject? source, AccessRequest request)
    {
        var principal = Principal(request.Source);
        return Field(source, "principals", "notPrincipals", principal)
            && Field(source, "namespaces", "notNamespaces", request.Source.Namespace)
            && (!request.IsHttp || Values(source, "requestPrincipals").Count == 0)
            && Values(source, "ipBlocks").Count == 0
            && Values(source, "remoteIpBlocks").Count == 0;
    }

    private static bool OperationMatches(JsonObject? operation, AccessRequest request)
    {
        var port = request.Port.ToString(CultureInfo.InvariantCulture);
        var ok = Field(operation, "ports", "notPorts", port);
        if (!request.IsHttp)
        {
            return ok;
        }

        var http = request.Request;
        return ok
            && Field(operation, "methods", "notMethods", http.Method)
            && Field(operation, "paths", "notPaths", http.Path)
            && Values(operation, "hosts").Count == 0;
    }

    private bool ConditionMatches(JsonObject condition, AccessRequest request)
    {
        var key = JsonFields.Text(condition, "key") ?? string.Empty;
        string? actual = key switch
        {
            "source.principal" => Principal(request.Source),
            "source.namespace" => request.Source.Namespace,
            "destination.port" => request.Port.ToString(CultureInfo.InvariantCulture),
            _ when key.StartsWith("request.headers[", StringComparison.Ordinal) && key.EndsWith(']') =>
                request.IsHttp ? request.Request.Header(key["request.headers[".Length..^1]) : null,
            _ => null,
        };
        if (actual is null)
        {
            return false;
        }

        return Field(condition, "values", "notValues", actual);
    }

    /// <summary>A positive list (empty or absent: any) and a negative list (empty or absent: none).</summary>
    private static bool Field(JsonObject? holder, string positive, string negative, string actual)
    {
        var values = Values(holder, positive);
        return (values.Count == 0 || values.Any(v => StringMatches(v, actual)))
            && !Values(holder, negative).Any(v => StringMatches(v, actual));
    }

    private static List<string> Values(JsonObject? holder, string name) =>
        holder?[name] is JsonArray array
            ? [.. array.Select(v => v is JsonValue value ? value.ToString() : string.Empty)]
            : [];

    /// <summary>Exact, prefix (<c>abc*</c>), suffix (<c>*abc</c>) or presence (<c>*</c>) match.</summary>
    internal static bool StringMatches(string pattern, string value)
    {
        if (pattern == "*")
        {
            return value.Length > 0;
        }

        if (pattern.EndsWith('*'))
        {
            return value.StartsWith(pattern[..^1], StringComparison.Ordinal);
        }

        return pattern.StartsWith('*')
            ? value.EndsWith(pattern[1..], StringComparison.Ordinal)
            : value == pattern;
    }

    private string Principal(AccessPod pod) => $"{trustDomain}/ns/{pod.Namespace}/sa/{pod.ServiceAccount}";
}
