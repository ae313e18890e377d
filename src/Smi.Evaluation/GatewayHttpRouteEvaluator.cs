using System.Text.Json.Nodes;

namespace Smi.Evaluation;

/// <summary>
/// Gateway API HTTPRoutes with a Service parent (GAMMA, https://gateway-api.sigs.k8s.io/mesh/): a request to the
/// Service port is handled by the one match that ranks first under <see cref="HttpRoutePrecedence"/> among all
/// matches of all routes attached to it; its rule's backendRefs share the traffic by <c>weight</c> (default 1,
/// "proportional"). Defaults the API server applies are applied here too: a rule without matches, and a match
/// without a path, match <c>PathPrefix /</c>; a header match without a type is Exact. PathPrefix matches whole path
/// elements (HTTPPathMatch). A Service without an attached route keeps its traffic.
/// </summary>
/// <param name="precedence">The ranking of matches.</param>
public class GatewayHttpRouteEvaluator(HttpRoutePrecedence precedence) : ISplitEvaluator
{
    /// <summary>The ranking this evaluator applies.</summary>
    public HttpRoutePrecedence Precedence { get; } = precedence;

    /// <summary>
    /// The regex engine of the implementation: RE2 for Istio (Envoy) and for the specification variant (the
    /// adapters write the syntax RE2 and Rust regex share); Linkerd overrides it with Rust regex.
    /// </summary>
    internal virtual RegexDialect Dialect =>
        Precedence == HttpRoutePrecedence.Linkerd ? RegexDialect.RustRegex : RegexDialect.Re2;

    /// <inheritdoc/>
    public TrafficDistribution Evaluate(
        IReadOnlyList<JsonObject> resources, string ns, string rootService, MeshRequest request)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(request);
        var routes = resources
            .Where(r => JsonFields.IsKind(r, "HTTPRoute", ns) && AttachedTo(r, rootService, request.Port))
            .ToList();
        if (routes.Count == 0)
        {
            return TrafficDistribution.All(rootService);
        }

        return Best(routes, request) is { } best
            ? TrafficDistribution.FromWeights(JsonFields.Objects(best.Rule, "backendRefs")
                .Select(b => (JsonFields.Text(b, "name") ?? string.Empty, JsonFields.Number(b, "weight") ?? 1m)))
            : TrafficDistribution.None;
    }

    /// <summary>
    /// The match that handles a request among all matches of the routes (in age, then name order), or
    /// <see langword="null"/> when none accepts it.
    /// </summary>
    internal RouteCandidate? Best(IEnumerable<JsonObject> routes, MeshRequest request)
    {
        var ordered = routes
            .OrderBy(r => JsonFields.Text(JsonFields.Object(r, "metadata"), "creationTimestamp") ?? string.Empty,
                StringComparer.Ordinal)
            .ThenBy(r => JsonFields.Name(r), StringComparer.Ordinal);
        var candidates = new List<RouteCandidate>();
        foreach (var route in ordered)
        {
            var rules = JsonFields.Objects(JsonFields.Object(route, "spec"), "rules").ToList();
            foreach (var rule in rules)
            {
                var matches = JsonFields.Objects(rule, "matches").ToList();
                foreach (var match in matches.Count == 0 ? [new JsonObject()] : matches)
                {
                    if (Matches(match, request))
                    {
                        candidates.Add(new RouteCandidate(
                            route, match, rule, candidates.Count, MatchedLength(match, request.Path)));
                    }
                }
            }
        }

        return candidates.Count == 0
            ? null
            : candidates.Order(Comparer<RouteCandidate>.Create(Compare)).First();
    }

    private static bool AttachedTo(JsonObject route, string service, int port) =>
        JsonFields.Objects(JsonFields.Object(route, "spec"), "parentRefs").Any(p =>
            JsonFields.Text(p, "kind") == "Service"
            && (JsonFields.Text(p, "group") ?? string.Empty) is "" or "core"
            && JsonFields.Text(p, "name") == service
            && (JsonFields.Number(p, "port") is not { } parentPort || parentPort == port));

    private bool Matches(JsonObject match, MeshRequest request)
    {
        var (type, value) = PathOf(match);
        var pathOk = type switch
        {
            "Exact" => request.Path == value,
            "RegularExpression" => FullMatch.IsMatch(value, request.Path, Dialect),
            _ => PrefixMatches(value, request.Path),
        };
        if (!pathOk || (JsonFields.Text(match, "method") is { } method && method != request.Method))
        {
            return false;
        }

        return JsonFields.Objects(match, "headers").All(h =>
            request.Header(JsonFields.Text(h, "name") ?? string.Empty) is { } actual
            && (JsonFields.Text(h, "type") == "RegularExpression"
                ? FullMatch.IsMatch(JsonFields.Text(h, "value") ?? string.Empty, actual, Dialect)
                : actual == JsonFields.Text(h, "value")));
    }

    /// <summary>HTTPPathMatch PathPrefix: element-wise, ignoring a trailing slash.</summary>
    private static bool PrefixMatches(string prefix, string path)
    {
        var trimmed = prefix.TrimEnd('/');
        return trimmed.Length == 0
            || path == trimmed
            || path.StartsWith(trimmed + "/", StringComparison.Ordinal);
    }

    private static (string Type, string Value) PathOf(JsonObject match)
    {
        var path = JsonFields.Object(match, "path");
        return (JsonFields.Text(path, "type") ?? "PathPrefix", JsonFields.Text(path, "value") ?? "/");
    }

    /// <summary>The path characters a match covers, as Linkerd ranks it.</summary>
    private static int MatchedLength(JsonObject match, string path)
    {
        var (type, value) = PathOf(match);
        return type == "PathPrefix" ? Math.Max(1, value.TrimEnd('/').Length) : path.Length;
    }

    private int Compare(RouteCandidate a, RouteCandidate b)
    {
        var keysA = Keys(a);
        var keysB = Keys(b);
        for (var i = 0; i < keysA.Length; i++)
        {
            if (keysA[i] != keysB[i])
            {
                return keysB[i].CompareTo(keysA[i]);
            }
        }

        // Routes are in age then name order, rules and matches in list order.
        return a.Order.CompareTo(b.Order);
    }

    private int[] Keys(RouteCandidate candidate)
    {
        var (type, value) = PathOf(candidate.Match);
        int[] rest = [Has(candidate.Match, "method"), Count(candidate.Match, "headers"),
            Count(candidate.Match, "queryParams")];
        return Precedence == HttpRoutePrecedence.Linkerd
            ? [candidate.MatchedLength, .. rest]
            : [Tier(type), Length(type, value), .. rest];
    }

    private static int Tier(string type) => type switch
    {
        "Exact" => 3,
        "PathPrefix" => 2,
        _ => 1,
    };

    private int Length(string type, string value) =>
        Precedence == HttpRoutePrecedence.Istio || type == "PathPrefix" ? value.Length : 0;

    private static int Has(JsonObject match, string name) => JsonFields.Text(match, name) is null ? 0 : 1;

    private static int Count(JsonObject match, string name) => JsonFields.Objects(match, name).Count();

    /// <summary>One match of a rule of a route that accepts a request.</summary>
    internal sealed record RouteCandidate(
        JsonObject Route, JsonObject Match, JsonObject Rule, int Order, int MatchedLength);
}
