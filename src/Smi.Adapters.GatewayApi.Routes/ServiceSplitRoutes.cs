using System.Globalization;
using System.Numerics;
using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.GatewayApi.Routes.Resources;

namespace Smi.Adapters.GatewayApi.Routes;

/// <summary>
/// Turns the TrafficSplits of one root Service into the Gateway API route of one root port: A/B branches first, the
/// plain split (or the root itself) last. Problems are handed to a callback as diagnostics.
/// </summary>
/// <param name="snapshot">The snapshot.</param>
/// <param name="routes">The route builder, which sets the API version and limits.</param>
/// <param name="report">Receives the diagnostics.</param>
internal sealed class ServiceSplitRoutes(MeshSnapshot snapshot, ServiceRouteBuilder routes, Action<Diagnostic> report)
{
    /// <summary>The largest backendRef weight the CRDs accept.</summary>
    public const long MaxBackendWeight = 1_000_000;

    /// <summary>Builds the HTTPRoute of one root port.</summary>
    /// <param name="root">The root Service.</param>
    /// <param name="port">The root port.</param>
    /// <param name="splits">The splits of the root: at most one without matches, then the A/B splits.</param>
    /// <param name="sources">The SMI objects the route comes from.</param>
    /// <param name="nameRules">Whether rules get names (the TrafficSplit's name; the last rule <c>default</c>).</param>
    /// <returns>The route without metadata, or <see langword="null"/> when nothing is to be routed or it cannot be
    /// written.</returns>
    public HttpRoute? BuildHttpRoute(ServiceInfo root, int port, IReadOnlyList<SplitRule> splits,
        out List<ResourceRef> sources, bool nameRules = false)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(splits);
        var branches = new List<SplitBranch>();
        IReadOnlyList<WeightedBackend>? catchAll = null;
        string? catchAllName = nameRules ? "default" : null;
        sources = [];
        foreach (var split in splits)
        {
            var backends = BackendsFor(split, port);
            if (backends is null || TooManyBackends(split, backends, root, port, "HTTPRoute"))
            {
                continue;
            }

            if (!split.HasMatches)
            {
                catchAll = backends;
                sources.Add(split.Source);
                continue;
            }

            var matches = new List<HttpRouteMatch>();
            string? problem = null;
            foreach (var (match, group) in MatchesOf(split))
            {
                matches.AddRange(HttpMatchBuilder.Build(match, routes.PathEngine, out var matchProblem));
                if (matchProblem is not null)
                {
                    problem ??= $"HTTPRouteGroup {group.Name}: {matchProblem}";
                }
            }

            if (problem is not null)
            {
                report(Diagnostic.Error(SmiReasons.UnsupportedMatch, split.Source, "spec.matches",
                    $"{problem}; the A/B split is not translated, so matching requests stay on Service "
                        + $"{split.RootService}. Fix the route group"));
                continue;
            }

            branches.Add(new SplitBranch(matches, backends, nameRules ? ObjectNames.Compose(split.Source.Name) : null));
            sources.Add(split.Source);
            sources.AddRange(split.RouteGroups.Select(g => new ResourceRef("specs.smi-spec.io/v1alpha4",
                "HTTPRouteGroup", split.Namespace, g.Name)));
        }

        if (branches.Count == 0 && catchAll is null)
        {
            return null;
        }

        var route = routes.Build(root.Name, port, branches, catchAll, out var limitProblem, catchAllName);
        if (route is null)
        {
            foreach (var split in splits)
            {
                report(Diagnostic.Error(SmiReasons.TooManyMatches, split.Source, "spec.matches",
                    $"HTTPRoute for Service {root.Namespace}/{root.Name} port {port}: {limitProblem}; split the route "
                        + "groups across fewer methods and matches"));
            }
        }

        return route;
    }

    /// <summary>
    /// Builds the TCPRoute of an opaque TCP root port: one rule with the plain split's weighted backends, attached to
    /// the Service port (GAMMA). HTTP matches cannot apply to such a port, so the caller reports A/B splits there.
    /// </summary>
    /// <param name="root">The root Service.</param>
    /// <param name="port">The root port.</param>
    /// <param name="plain">The plain split of the root.</param>
    /// <param name="apiVersion">The TCPRoute API version.</param>
    /// <returns>The route without metadata, or <see langword="null"/> when no backend serves the port.</returns>
    public TcpRoute? BuildTcpRoute(ServiceInfo root, int port, SplitRule plain, string apiVersion)
    {
        ArgumentNullException.ThrowIfNull(root);
        var backends = BackendsFor(plain, port);
        if (backends is null || TooManyBackends(plain, backends, root, port, "TCPRoute"))
        {
            return null;
        }

        var route = new TcpRoute { ApiVersion = apiVersion };
        route.Spec.ParentRefs.Add(
            new ParentReference { Group = string.Empty, Kind = "Service", Name = root.Name, Port = port });
        var refs = backends.Select(b => new BackendRef { Name = b.Service, Port = port, Weight = b.Weight });
        route.Spec.Rules.Add(new TcpRouteRule { BackendRefs = [.. refs] });
        return route;
    }

    /// <summary>The backends of a split that serve a port, with integer weights; reports those left out.</summary>
    /// <param name="split">The split.</param>
    /// <param name="port">The root port.</param>
    /// <returns>The backends, or <see langword="null"/> when none with a positive weight serves the port.</returns>
    public List<WeightedBackend>? BackendsFor(SplitRule split, int port)
    {
        ArgumentNullException.ThrowIfNull(split);
        var kept = new List<(SplitBackend Backend, int Index)>();
        for (var i = 0; i < split.Backends.Length; i++)
        {
            var backend = split.Backends[i];
            var service = snapshot.FindService(split.Namespace, backend.Service);
            if (service is not null && !service.Ports.Any(p => p.Port == port))
            {
                report(Diagnostic.Warning(SmiReasons.BackendPortMissing, split.Source, BackendField(i),
                    $"Service {split.Namespace}/{backend.Service} has no port {port}, which the root Service has; "
                    + $"it gets no traffic on that port (port {port}). Give it the same ports as the root"));
                continue;
            }

            kept.Add((backend, i));
        }

        if (!kept.Any(k => k.Backend.Weight > 0))
        {
            report(Diagnostic.Error(SmiReasons.NoBackendForPort, split.Source, "spec.backends",
                OnPort(port, "no backend with a positive weight serves that port, so it is not split. "
                    + "Give a backend with that port a weight")));
            return null;
        }

        var weights = kept.Select(k => k.Backend.Weight).ToList();
        var scaled = WeightMath.ToIntegers(weights, MaxBackendWeight);
        var exact = WeightMath.ToIntegers(weights, long.MaxValue);
        if (!scaled.SequenceEqual(exact))
        {
            // Scaling that keeps every ratio moves no traffic; one that changes a ratio changes where traffic goes.
            var list = string.Join(", ", scaled.Select(w => w.ToString(CultureInfo.InvariantCulture)));
            var message = $"weights were scaled to {list} to fit the HTTPRoute limit of {MaxBackendWeight:N0}";
            report(SameShares(scaled, exact)
                ? Diagnostic.Info(SmiReasons.WeightsScaled, split.Source, "spec.backends", OnPort(port, message))
                : Diagnostic.Warning(SmiReasons.WeightsScaled, split.Source, "spec.backends",
                    OnPort(port, message + "; this changes the share of some backends")));
        }

        ReportZeroed(split, [.. kept.Select(k => k.Index)], weights, scaled, port);
        return [.. kept.Select((k, i) => new WeightedBackend(k.Backend.Service, scaled[i]))];
    }

    /// <summary>Whether two integer weight lists give every backend the same share of traffic.</summary>
    /// <param name="left">The first weights.</param>
    /// <param name="right">The second weights, in the same order.</param>
    /// <returns><see langword="true"/> when every ratio is kept.</returns>
    private static bool SameShares(IReadOnlyList<long> left, IReadOnlyList<long> right)
    {
        var leftSum = left.Aggregate(BigInteger.Zero, (sum, w) => sum + w);
        var rightSum = right.Aggregate(BigInteger.Zero, (sum, w) => sum + w);
        return left.Count == right.Count
            && Enumerable.Range(0, left.Count).All(i => left[i] * rightSum == right[i] * leftSum);
    }

    /// <summary>Reports a split with more backends than a route rule allows.</summary>
    /// <param name="split">The split.</param>
    /// <param name="backends">Its backends on the port.</param>
    /// <param name="root">The root Service.</param>
    /// <param name="port">The root port.</param>
    /// <param name="kind">The route kind, for the message.</param>
    /// <returns><see langword="true"/> when there are too many and the split must be left out.</returns>
    public bool TooManyBackends(SplitRule split, IReadOnlyCollection<WeightedBackend> backends, ServiceInfo root,
        int port, string kind)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(root);
        if (backends.Count <= RouteApiVersion.MaxBackendsPerRule)
        {
            return false;
        }

        report(Diagnostic.Error(SmiReasons.TooManyBackends, split.Source, "spec.backends",
            $"the {kind} for Service {root.Namespace}/{root.Name} port {port} would need {backends.Count} backends in "
                + $"one rule; the CRD allows {RouteApiVersion.MaxBackendsPerRule}, so this split is not translated. "
                + $"Use at most {RouteApiVersion.MaxBackendsPerRule} backends"));
        return true;
    }

    /// <summary>The matches of a split's route groups, in order, with their group.</summary>
    /// <param name="split">The split.</param>
    /// <returns>The matches.</returns>
    public IEnumerable<(RouteMatch Match, RouteGroup Group)> MatchesOf(SplitRule split)
    {
        ArgumentNullException.ThrowIfNull(split);
        foreach (var reference in split.RouteGroups)
        {
            if (snapshot.FindRouteGroup(split.Namespace, reference.Name) is { } group)
            {
                foreach (var match in group.Matches)
                {
                    yield return (match, group);
                }
            }
        }
    }

    /// <summary>
    /// Reports, as warnings, every backend whose share moved by more than
    /// <see cref="ShareDeviation.ToleratedPoints"/> percentage points or went from positive to zero.
    /// </summary>
    /// <param name="split">The split.</param>
    /// <param name="indexes">The backend index of each weight.</param>
    /// <param name="weights">The SMI weights.</param>
    /// <param name="result">The integer weights.</param>
    /// <param name="port">
    /// The root port the weights route, named in each message as Istio's adapter names it (<c>on port N: ...
    /// (port N)</c>); <see langword="null"/> when they apply to every port.
    /// </param>
    public void ReportZeroed(
        SplitRule split, IReadOnlyList<int> indexes, IReadOnlyList<decimal> weights, long[] result, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(indexes);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(result);
        foreach (var deviation in ShareDeviation.Find(weights, [.. result.Select(r => (decimal)r)]))
        {
            var backend = split.Backends[indexes[deviation.Index]];
            var reason = deviation.RenderedPercent == 0
                ? SmiReasons.WeightRoundedToZero
                : SmiReasons.WeightShareChanged;
            var why = deviation.RenderedPercent == 0
                ? $"weight {backend.Weight} of backend {backend.Service} is too small next to the others and "
                    + "rounds to 0"
                : $"the weights had to be scaled to integers of at most {MaxBackendWeight:N0}";
            var message = $"{why}: {deviation.Describe(backend.Service)}; use weights closer to each other";
            report(Diagnostic.Warning(reason, split.Source, BackendField(indexes[deviation.Index]),
                port is { } p ? OnPort(p, message) : message));
        }
    }

    /// <summary>A message about one root port, worded as the Istio adapter words its per-port diagnostics.</summary>
    private static string OnPort(int port, string message) =>
        string.Create(CultureInfo.InvariantCulture, $"on port {port}: {message} (port {port})");

    private static string BackendField(int index) => string.Create(CultureInfo.InvariantCulture,
        $"spec.backends[{index}]");
}
