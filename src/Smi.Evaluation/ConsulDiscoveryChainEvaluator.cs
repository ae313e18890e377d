using System.Text.Json.Nodes;

namespace Smi.Evaluation;

/// <summary>
/// Consul's discovery chain: routing, then splitting, then resolution
/// (https://developer.hashicorp.com/consul/docs/manage-traffic, "Discovery chain"). The ServiceRouter of the root
/// takes the first route whose match holds (routes are evaluated in order; "a default catch-all will send unmatched
/// traffic" to the service itself; https://developer.hashicorp.com/consul/docs/connect/config-entries/service-router);
/// "Any route destination that omits the ServiceSubset field is eligible for splitting via a service-splitter" of
/// that service, and a split to another service is split again by that service's splitter
/// (https://developer.hashicorp.com/consul/docs/connect/config-entries/service-splitter, "Interaction with other
/// Config Entries"). A ServiceResolver <c>redirect</c> moves what reaches a service to another. Path and header
/// regexes are Envoy's full-match RE2.
/// </summary>
public sealed class ConsulDiscoveryChainEvaluator : ISplitEvaluator
{
    private const int MaxDepth = 8;

    /// <inheritdoc/>
    public TrafficDistribution Evaluate(
        IReadOnlyList<JsonObject> resources, string ns, string rootService, MeshRequest request)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(request);
        var destination = rootService;
        if (Find(resources, "ServiceRouter", ns, rootService) is { } router)
        {
            var route = JsonFields.Objects(JsonFields.Object(router, "spec"), "routes")
                .FirstOrDefault(r => Matches(JsonFields.Object(JsonFields.Object(r, "match"), "http"), request));
            if (route is not null)
            {
                destination = JsonFields.Text(JsonFields.Object(route, "destination"), "service") ?? rootService;
            }
        }

        return Split(resources, ns, destination, 0);
    }

    private static TrafficDistribution Split(IReadOnlyList<JsonObject> resources, string ns, string service, int depth)
    {
        if (depth < MaxDepth && Find(resources, "ServiceSplitter", ns, service) is { } splitter)
        {
            return TrafficDistribution.Combine(JsonFields.Objects(JsonFields.Object(splitter, "spec"), "splits")
                .Select(s => (JsonFields.Text(s, "service") ?? service, JsonFields.Number(s, "weight") ?? 0m))
                .Where(s => s.Item2 > 0)
                .Select(s => (s.Item1 == service
                    ? Resolve(resources, ns, service)
                    : Split(resources, ns, s.Item1, depth + 1), s.Item2)));
        }

        return Resolve(resources, ns, service);
    }

    private static TrafficDistribution Resolve(IReadOnlyList<JsonObject> resources, string ns, string service)
    {
        var redirect = JsonFields.Object(JsonFields.Object(Find(resources, "ServiceResolver", ns, service), "spec"),
            "redirect");
        return TrafficDistribution.All(JsonFields.Text(redirect, "service") ?? service);
    }

    private static JsonObject? Find(IReadOnlyList<JsonObject> resources, string kind, string ns, string name) =>
        resources.FirstOrDefault(r => JsonFields.IsKind(r, kind, ns) && JsonFields.Name(r) == name);

    /// <summary>
    /// ServiceRouteHTTPMatch, and IntentionHTTPPermission of the same shape: every given condition must hold; no
    /// match block accepts every request.
    /// </summary>
    internal static bool Matches(JsonObject? http, MeshRequest request)
    {
        if (http is null)
        {
            return true;
        }

        var pathOk = (JsonFields.Text(http, "pathExact"), JsonFields.Text(http, "pathPrefix"),
                JsonFields.Text(http, "pathRegex")) switch
        {
            ({ } exact, _, _) => request.Path == exact,
            (_, { } prefix, _) => request.Path.StartsWith(prefix, StringComparison.Ordinal),
            (_, _, { } regex) => FullMatch.IsMatch(regex, request.Path, RegexDialect.Re2),
            _ => true,
        };
        var methods = http["methods"] as JsonArray;
        var methodOk = methods is null || methods.Count == 0
            || methods.Any(m => m?.GetValue<string>() == request.Method);
        return pathOk && methodOk && JsonFields.Objects(http, "header").All(h => HeaderMatches(h, request));
    }

    private static bool HeaderMatches(JsonObject header, MeshRequest request)
    {
        var value = request.Header(JsonFields.Text(header, "name") ?? string.Empty);
        var result = value is not null && ((JsonFields.Text(header, "exact"), JsonFields.Text(header, "prefix"),
                JsonFields.Text(header, "suffix"), JsonFields.Text(header, "regex")) switch
        {
            ({ } exact, _, _, _) => value == exact,
            (_, { } prefix, _, _) => value.StartsWith(prefix, StringComparison.Ordinal),
            (_, _, { } suffix, _) => value.EndsWith(suffix, StringComparison.Ordinal),
            (_, _, _, { } regex) => FullMatch.IsMatch(regex, value, RegexDialect.Re2),
            _ => true,
        });
        return header["invert"] is JsonValue invert && invert.TryGetValue<bool>(out var inverted) && inverted
            ? !result
            : result;
    }
}
