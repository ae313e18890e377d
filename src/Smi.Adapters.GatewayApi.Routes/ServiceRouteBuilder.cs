using Smi.Abstractions.Translation;
using Smi.Adapters.GatewayApi.Routes.Resources;

namespace Smi.Adapters.GatewayApi.Routes;

/// <summary>
/// Builds an HTTPRoute attached to one port of a Service (the GAMMA "producer route"): matched branches first, then a
/// rule for everything else, which goes to the given backends or back to the Service itself (a route attached to a
/// Service rejects requests that match no rule, while SMI keeps them on the root Service).
/// </summary>
/// <remarks>
/// When there are matched branches, every match of every rule, the catch-all included, is a
/// <c>RegularExpression</c> path match (<c>.*</c> where SMI tests no path), so that no implementation's precedence
/// lets the catch-all shadow a branch: Gateway API then decides by method, header count and rule order
/// (https://gateway-api.sigs.k8s.io/reference/spec/#httprouterule); Istio ranks Exact &gt; PathPrefix &gt;
/// RegularExpression, then the longer value, method, header count and rule order (pilot/pkg/config/kube/gateway
/// <c>sortHTTPRoutes</c>, https://istio.io/latest/docs/tasks/traffic-management/request-routing/), so the
/// two-character <c>.*</c> catch-all ranks after every branch; Linkerd picks the longest path match, then header
/// count, then the first rule (https://linkerd.io/2-edge/reference/httproute/), and every regex match spans the whole
/// path. A default <c>PathPrefix /</c> catch-all would outrank regex branches on Istio.
/// </remarks>
/// <param name="api">The route API version, which also sets the match limits.</param>
/// <param name="pathEngine">
/// The regex engine of the one implementation that reads the routes, or <see langword="null"/> for any.
/// </param>
internal sealed class ServiceRouteBuilder(RouteApiVersion api, PathRegexEngine? pathEngine = null)
{
    /// <summary>The route API version.</summary>
    public RouteApiVersion Api { get; } = api;

    /// <summary>The regex engine that reads path matches, or <see langword="null"/> for any implementation.</summary>
    public PathRegexEngine? PathEngine { get; } = pathEngine;

    /// <summary>Builds the route.</summary>
    /// <param name="service">The parent Service, in the route's namespace.</param>
    /// <param name="port">The Service port; backends are addressed on the same port.</param>
    /// <param name="branches">The matched branches, in order.</param>
    /// <param name="catchAll">The backends of unmatched requests, or <see langword="null"/> for the Service
    /// itself.</param>
    /// <param name="problem">Why the route cannot be written, or <see langword="null"/>.</param>
    /// <param name="catchAllName">
    /// The name of the last rule, or <see langword="null"/> to leave it unnamed. Rule names are made unique by a
    /// numeric suffix; a branch cut into several rules numbers its rules from the second on.
    /// </param>
    /// <returns>The route without metadata, or <see langword="null"/> when <paramref name="problem"/> is set.</returns>
    public HttpRoute? Build(
        string service, int port, IReadOnlyList<SplitBranch> branches, IReadOnlyList<WeightedBackend>? catchAll,
        out string? problem, string? catchAllName = null)
    {
        ArgumentNullException.ThrowIfNull(branches);
        var rules = new List<HttpRouteRule>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var branch in branches)
        {
            var backends = branch.Backends.Select(
                b => new HttpBackendRef { Name = b.Service, Port = port, Weight = b.Weight }).ToList();
            var tiered = branch.Matches.Select(InRegexTier).ToList();
            rules.AddRange(Chunk(tiered).Select((matches, i) => new HttpRouteRule
            {
                Name = branch.Name is null
                    ? null
                    : UniqueName(names, i == 0 ? branch.Name : ObjectNames.Compose(branch.Name, i + 1)),
                Matches = matches,
                BackendRefs = backends,
            }));
        }

        rules.Add(new HttpRouteRule
        {
            Name = catchAllName is null ? null : UniqueName(names, catchAllName),
            Matches = branches.Count == 0 ? null : [new HttpRouteMatch { Path = AnyPathRegex() }],
            BackendRefs = catchAll is null
                ? [new HttpBackendRef { Name = service, Port = port }]
                : [.. catchAll.Select(b => new HttpBackendRef { Name = b.Service, Port = port, Weight = b.Weight })],
        });

        problem = CheckLimits(rules);
        if (problem is not null)
        {
            return null;
        }

        var route = new HttpRoute { ApiVersion = Api.ApiVersion };
        route.Spec.ParentRefs.Add(
            new ParentReference { Group = string.Empty, Kind = "Service", Name = service, Port = port });
        route.Spec.Rules = rules;
        return route;
    }

    /// <summary>A path match for any path in the <c>RegularExpression</c> tier, the shortest rendered path.</summary>
    private static HttpPathMatch AnyPathRegex() => new() { Type = "RegularExpression", Value = ".*" };

    /// <summary>The match, with an any-path regex where it tests no path (the CRD defaults to PathPrefix /).</summary>
    private static HttpRouteMatch InRegexTier(HttpRouteMatch match) => match.Path is not null
        ? match
        : new HttpRouteMatch { Path = AnyPathRegex(), Method = match.Method, Headers = match.Headers };

    /// <summary>Cuts matches into groups of at most the per-rule limit.</summary>
    /// <param name="matches">The matches.</param>
    /// <returns>The groups, in order.</returns>
    public IEnumerable<List<HttpRouteMatch>> Chunk(IReadOnlyList<HttpRouteMatch> matches) =>
        matches.Chunk(Api.MaxMatchesPerRule).Select(c => c.ToList());

    /// <summary>Checks the rule and match counts against the CRD.</summary>
    /// <param name="rules">The rules.</param>
    /// <returns>The problem, or <see langword="null"/>.</returns>
    public string? CheckLimits(IReadOnlyCollection<HttpRouteRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var matches = rules.Sum(r => r.Matches?.Count ?? 0);
        if (rules.Count > RouteApiVersion.MaxRules)
        {
            return $"the route would need {rules.Count} rules; {Api.ApiVersion} HTTPRoutes allow " +
                $"{RouteApiVersion.MaxRules} (at most {Api.MaxMatchesPerRule} matches each, one per method)";
        }

        if (rules.Select(r => r.BackendRefs?.Count ?? 0).DefaultIfEmpty(0).Max() is var backends
            and > RouteApiVersion.MaxBackendsPerRule)
        {
            return $"a rule would need {backends} backends; {Api.ApiVersion} HTTPRoutes allow " +
                $"{RouteApiVersion.MaxBackendsPerRule} per rule";
        }

        return matches > Api.MaxMatchesPerRoute
            ? $"the route would need {matches} matches; {Api.ApiVersion} HTTPRoutes allow {Api.MaxMatchesPerRoute}"
            : null;
    }

    private static string UniqueName(HashSet<string> taken, string name)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = ObjectNames.Compose(name, i);
        }

        return candidate;
    }
}
