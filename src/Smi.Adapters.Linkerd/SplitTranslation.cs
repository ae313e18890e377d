using System.Globalization;
using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.GatewayApi.Routes;
using Smi.Adapters.GatewayApi.Routes.Resources;
using Smi.Adapters.Linkerd.Resources;

namespace Smi.Adapters.Linkerd;

/// <summary>Translates the TrafficSplits of one root Service: HTTPRoutes per root port, or a ServiceProfile.</summary>
internal sealed class SplitTranslation(MeshSnapshot snapshot, TranslationOptions shared, LinkerdOptions options, TranslationOutput output)
{
    private const long MaxBackendWeight = 1_000_000;
    private const long MilliUnits = 1000;

    private readonly ServiceRouteBuilder _routes = new(LinkerdRouteApis.For(options.RouteApi));

    /// <summary>Translates every split of the snapshot, grouped by root.</summary>
    public void TranslateAll()
    {
        foreach (var group in snapshot.Splits.GroupBy(s => UnitKey.ForSplitRoot(s.Namespace, s.RootService)).OrderBy(g => g.Key))
        {
            Translate(group.Key, [.. group.OrderBy(s => s.Source)]);
        }
    }

    private void Translate(UnitKey unit, List<SplitRule> splits)
    {
        var ns = unit.Namespace;
        var rootName = unit.Name;
        var plain = splits.Where(s => !s.HasMatches).ToList();
        foreach (var extra in plain.Skip(1))
        {
            output.Report(unit, Diagnostic.Error(LinkerdReasons.ConflictingSplits, extra.Source, "spec.service",
                $"TrafficSplit {plain[0].Source.Name} already splits all traffic of Service {ns}/{rootName}; only that one is translated. Merge the backends into one TrafficSplit"));
        }

        var root = snapshot.FindService(ns, rootName);
        if (root is null || root.Headless)
        {
            foreach (var split in splits)
            {
                output.Report(unit, root is null
                    ? Diagnostic.Error(LinkerdReasons.RootServiceNotFound, split.Source, "spec.service",
                        $"Service {ns}/{rootName} is not in the input, so the ports to route are unknown; add the Service to the input")
                    : Diagnostic.Error(LinkerdReasons.HeadlessRootService, split.Source, "spec.service",
                        $"Service {ns}/{rootName} is headless; Linkerd applies HTTPRoutes and ServiceProfiles by cluster IP, so the split cannot work. Give the root Service a cluster IP"));
            }

            return;
        }

        var usable = splits.Where(s => !s.HasMatches).Take(1).Concat(splits.Where(s => s.HasMatches)).ToList();
        if (options.ServiceProfile)
        {
            TranslateToServiceProfile(unit, root, usable);
            return;
        }

        var ports = new List<int>();
        foreach (var port in root.Ports)
        {
            if (string.Equals(port.Protocol, "TCP", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(port.Protocol))
            {
                ports.Add(port.Port);
            }
            else
            {
                foreach (var split in usable)
                {
                    output.Report(unit, Diagnostic.Warning(LinkerdReasons.NonTcpRootPort, split.Source, "spec.service",
                        $"port {port.Port}/{port.Protocol} of Service {ns}/{rootName} is not split: the Linkerd proxy handles TCP only"));
                }
            }
        }

        foreach (var port in ports.Distinct().Order())
        {
            TranslatePort(unit, root, port, usable);
        }
    }

    private void TranslatePort(UnitKey unit, ServiceInfo root, int port, List<SplitRule> splits)
    {
        var branches = new List<SplitBranch>();
        IReadOnlyList<WeightedBackend>? catchAll = null;
        var sources = new List<ResourceRef>();
        foreach (var split in splits)
        {
            var backends = BackendsFor(unit, split, port);
            if (backends is null)
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
                matches.AddRange(HttpMatchBuilder.Build(match, out var matchProblem));
                if (matchProblem is not null)
                {
                    problem ??= $"HTTPRouteGroup {group.Name}: {matchProblem}";
                }
            }

            if (problem is not null)
            {
                output.Report(unit, Diagnostic.Error(LinkerdReasons.UnsupportedMatch, split.Source, "spec.matches",
                    $"{problem}; the A/B split is not translated, so matching requests stay on Service {split.RootService}. Fix the route group"));
                continue;
            }

            branches.Add(new SplitBranch(matches, backends));
            sources.Add(split.Source);
            sources.AddRange(split.RouteGroups.Select(g => new ResourceRef("specs.smi-spec.io/v1alpha4", "HTTPRouteGroup", split.Namespace, g.Name)));
        }

        if (branches.Count == 0 && catchAll is null)
        {
            return;
        }

        var route = _routes.Build(root.Name, port, branches, catchAll, out var limitProblem);
        if (route is null)
        {
            foreach (var split in splits)
            {
                output.Report(unit, Diagnostic.Error(LinkerdReasons.TooManyMatches, split.Source, "spec.matches",
                    $"HTTPRoute for Service {root.Namespace}/{root.Name} port {port}: {limitProblem}; split the route groups across fewer methods and matches"));
            }

            return;
        }

        output.Add(unit, route, ObjectNames.Compose(root.Name, port), root.Namespace, sources);
    }

    private List<WeightedBackend>? BackendsFor(UnitKey unit, SplitRule split, int port)
    {
        var kept = new List<(SplitBackend Backend, int Index)>();
        for (var i = 0; i < split.Backends.Length; i++)
        {
            var backend = split.Backends[i];
            var service = snapshot.FindService(split.Namespace, backend.Service);
            if (service is not null && !service.Ports.Any(p => p.Port == port))
            {
                output.Report(unit, Diagnostic.Warning(LinkerdReasons.BackendPortMissing, split.Source, Field(i),
                    $"Service {split.Namespace}/{backend.Service} has no port {port}, which the root Service has; it gets no traffic on that port. Give it the same ports as the root"));
                continue;
            }

            kept.Add((backend, i));
        }

        if (!kept.Any(k => k.Backend.Weight > 0))
        {
            output.Report(unit, Diagnostic.Error(LinkerdReasons.NoBackendForPort, split.Source, "spec.backends",
                $"no backend with a positive weight serves port {port}; that port is not split. Give a backend with that port a weight"));
            return null;
        }

        var weights = kept.Select(k => k.Backend.Weight).ToList();
        var scaled = WeightMath.ToIntegers(weights, MaxBackendWeight);
        var exact = WeightMath.ToIntegers(weights, long.MaxValue);
        if (!scaled.SequenceEqual(exact))
        {
            output.Report(unit, Diagnostic.Info(LinkerdReasons.WeightsScaled, split.Source, "spec.backends",
                $"weights were scaled to {string.Join(", ", scaled.Select(w => w.ToString(CultureInfo.InvariantCulture)))} to fit the HTTPRoute limit of {MaxBackendWeight:N0}"));
        }

        ReportZeroed(unit, split, kept.Select(k => k.Index).ToList(), weights, scaled);
        return [.. kept.Select((k, i) => new WeightedBackend(k.Backend.Service, scaled[i]))];
    }

    private void TranslateToServiceProfile(UnitKey unit, ServiceInfo root, List<SplitRule> splits)
    {
        var profile = new ServiceProfile();
        var sources = new List<ResourceRef>();
        foreach (var split in splits)
        {
            sources.Add(split.Source);
            if (!split.HasMatches)
            {
                var weights = split.Backends.Select(b => b.Weight).ToList();
                var millis = WeightMath.LargestRemainder(weights, MilliUnits);
                ReportZeroed(unit, split, [.. Enumerable.Range(0, weights.Count)], weights, millis);
                profile.Spec.DstOverrides = [.. split.Backends.Select((b, i) => new WeightedDestination
                {
                    Authority = HostNames.ServiceFqdn(b.Service, split.Namespace, shared.ClusterDomain),
                    Weight = string.Create(CultureInfo.InvariantCulture, $"{millis[i]}m"),
                })];
                continue;
            }

            output.Report(unit, Diagnostic.Error(LinkerdReasons.ServiceProfileCannotMatch, split.Source, "spec.matches",
                $"ServiceProfile dstOverrides apply to every request, so this A/B split is not translated: requests that match it are routed like all other requests to Service {split.RootService}; its route groups become ServiceProfile routes for metrics only. Turn off the ServiceProfile option to get an HTTPRoute"));
            foreach (var (match, group) in MatchesOf(split))
            {
                sources.Add(group.Source);
                var headersOnly = match.AnyPath && match.AnyMethod && !match.Headers.IsDefaultOrEmpty;
                if (!headersOnly)
                {
                    (profile.Spec.Routes ??= []).Add(new ServiceProfileRoute { Name = $"{group.Name}/{match.Name}", Condition = ConditionOf(match) });
                }

                if (!match.Headers.IsDefaultOrEmpty)
                {
                    output.Report(unit, Diagnostic.Warning(LinkerdReasons.ServiceProfileHeadersIgnored, group.Source, string.Create(CultureInfo.InvariantCulture, $"spec.matches[{group.Matches.IndexOf(match)}].headers"),
                        headersOnly
                            ? $"ServiceProfile routes cannot test headers and match {match.Name} tests nothing else, so it gets no ServiceProfile route"
                            : $"ServiceProfile route {group.Name}/{match.Name} cannot test headers, so it also counts requests without them"));
                }
            }
        }

        output.Add(unit, profile, HostNames.ServiceFqdn(root.Name, root.Namespace, shared.ClusterDomain), root.Namespace, sources);
    }

    private static RequestCondition ConditionOf(RouteMatch match)
    {
        var conditions = new List<RequestCondition>();
        if (!match.AnyPath)
        {
            conditions.Add(new RequestCondition { PathRegex = RegexAnchoring.FullMatchPath(match.PathRegex!) });
        }

        if (!match.AnyMethod)
        {
            var methods = match.Methods.Distinct(StringComparer.Ordinal).Select(m => new RequestCondition { Method = m }).ToList();
            conditions.Add(methods.Count == 1 ? methods[0] : new RequestCondition { Any = methods });
        }

        return conditions.Count switch
        {
            0 => new RequestCondition { PathRegex = ".*" },
            1 => conditions[0],
            _ => new RequestCondition { All = conditions },
        };
    }

    private IEnumerable<(RouteMatch Match, RouteGroup Group)> MatchesOf(SplitRule split)
    {
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

    private void ReportZeroed(UnitKey unit, SplitRule split, List<int> indexes, List<decimal> weights, long[] result)
    {
        for (var i = 0; i < weights.Count; i++)
        {
            if (weights[i] > 0 && result[i] == 0)
            {
                var backend = split.Backends[indexes[i]];
                output.Report(unit, Diagnostic.Warning(LinkerdReasons.WeightRoundedToZero, split.Source, Field(indexes[i]),
                    $"weight {backend.Weight} of backend {backend.Service} is too small next to the others and rounds to 0, so it gets no traffic; raise it"));
            }
        }
    }

    private static string Field(int index) => string.Create(CultureInfo.InvariantCulture, $"spec.backends[{index}]");
}
