using System.Globalization;
using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.GatewayApi.Routes;
using Smi.Adapters.GatewayApi.Routes.Resources;
using Smi.Adapters.Linkerd.Resources;

namespace Smi.Adapters.Linkerd.Splits;

/// <summary>Translates the TrafficSplits of one root Service: HTTPRoutes per root port, or a ServiceProfile.</summary>
internal sealed class SplitTranslation(MeshSnapshot snapshot, TranslationOptions shared, LinkerdOptions options,
    TranslationOutput output)
{
    private const long MilliUnits = 1000;

    private readonly ServiceRouteBuilder _routes =
        new(LinkerdRouteApis.For(options.RouteApi), PathRegexEngine.RustRegex);

    /// <summary>Translates every split of the snapshot, grouped by root.</summary>
    public void TranslateAll()
    {
        foreach (var (unit, splits) in output.WantedSplitRoots(snapshot))
        {
            Translate(unit, splits);
        }
    }

    private void Translate(UnitKey unit, List<SplitRule> splits)
    {
        var ns = unit.Namespace;
        var rootName = unit.Name;
        var (root, usable) = SplitRootChecks.Check(snapshot, unit, splits, d => output.Report(unit, d),
            "Linkerd applies HTTPRoutes and ServiceProfiles by cluster IP");
        if (root is null)
        {
            return;
        }
        if (options.ServiceProfile)
        {
            TranslateToServiceProfile(unit, root, usable);
            return;
        }

        var ports = new List<int>();
        foreach (var port in root.Ports)
        {
            if (string.Equals(port.Protocol, "TCP", StringComparison.OrdinalIgnoreCase)
                || string.IsNullOrEmpty(port.Protocol))
            {
                ports.Add(port.Port);
            }
            else
            {
                foreach (var split in usable)
                {
                    output.Report(unit, Diagnostic.Warning(SmiReasons.NonTcpRootPort, split.Source, "spec.service",
                        $"port {port.Port}/{port.Protocol} of Service {ns}/{rootName} is not split: the Linkerd proxy "
                        + $"handles TCP only (port {port.Port})"));
                }
            }
        }

        foreach (var port in ports.Distinct().Order())
        {
            var declared = root.Ports.Where(p => p.Port == port).Select(PortProtocolResolver.Resolve);
            if (declared.Any(p => !PortProtocolResolver.CarriesHttp(p)))
            {
                TranslateTcpPort(unit, root, port, usable);
                continue;
            }

            TranslatePort(unit, root, port, usable);
        }
    }

    /// <summary>
    /// An opaque TCP port (declared, or a well-known server-first port) never reaches an HTTPRoute: Linkerd splits
    /// it with a Gateway API TCPRoute whose parent is the Service (Linkerd 2.17 and later,
    /// https://linkerd.io/2-edge/reference/tcproute/, https://linkerd.io/2-edge/features/protocol-detection/).
    /// </summary>
    private void TranslateTcpPort(UnitKey unit, ServiceInfo root, int port, List<SplitRule> splits)
    {
        foreach (var split in splits.Where(s => s.HasMatches))
        {
            output.Report(unit, Diagnostic.Error(SmiReasons.MatchesOnTcpPort, split.Source, "spec.matches",
                $"port {port} of Service {root.Namespace}/{root.Name} carries opaque TCP, where Linkerd applies no "
                + $"HTTP match; this A/B split is not translated on that port (port {port}). Set appProtocol: http on "
                + "the port if it carries HTTP"));
        }

        if (splits.FirstOrDefault(s => !s.HasMatches) is not { } plain)
        {
            return;
        }

        if (Routes(unit).BuildTcpRoute(root, port, plain, TcpRoute.V1Alpha2) is { } route)
        {
            output.Add(unit, route, ObjectNames.Compose(root.Name, port), root.Namespace, [plain.Source]);
        }
    }

    private void TranslatePort(UnitKey unit, ServiceInfo root, int port, List<SplitRule> splits)
    {
        var route = Routes(unit).BuildHttpRoute(root, port, splits, out var sources);
        if (route is not null)
        {
            output.Add(unit, route, ObjectNames.Compose(root.Name, port), root.Namespace, sources);
        }
    }

    private ServiceSplitRoutes Routes(UnitKey unit) => new(snapshot, _routes, d => output.Report(unit, d));

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
                Routes(unit).ReportZeroed(split, [.. Enumerable.Range(0, weights.Count)], weights, millis);
                profile.Spec.DstOverrides = [.. split.Backends.Select((b, i) => new WeightedDestination
                {
                    Authority = HostNames.ServiceFqdn(b.Service, split.Namespace, shared.ClusterDomain),
                    Weight = string.Create(CultureInfo.InvariantCulture, $"{millis[i]}m"),
                })];
                continue;
            }

            output.Report(unit, Diagnostic.Error(LinkerdReasons.ServiceProfileCannotMatch, split.Source, "spec.matches",
                "ServiceProfile dstOverrides apply to every request, so this A/B split is not translated: requests "
                    + $"that match it are routed like all other requests to Service {split.RootService}; its route "
                    + "groups become ServiceProfile routes for metrics only. Turn off the ServiceProfile option to "
                    + "get an HTTPRoute"));
            foreach (var (match, group) in Routes(unit).MatchesOf(split))
            {
                sources.Add(group.Source);
                var headersOnly = match.AnyPath && match.AnyMethod && !match.Headers.IsDefaultOrEmpty;
                if (!headersOnly)
                {
                    (profile.Spec.Routes ??= []).Add(new ServiceProfileRoute { Name = $"{group.Name}/{match.Name}",
                        Condition = ConditionOf(match) });
                }

                if (!match.Headers.IsDefaultOrEmpty)
                {
                    output.Report(unit, Diagnostic.Warning(LinkerdReasons.ServiceProfileHeadersIgnored, group.Source,
                        string.Create(CultureInfo.InvariantCulture,
                        $"spec.matches[{group.Matches.IndexOf(match)}].headers"),
                        headersOnly
                            ? $"ServiceProfile routes cannot test headers and match {match.Name} tests nothing else, "
                                + "so it gets no ServiceProfile route"
                            : $"ServiceProfile route {group.Name}/{match.Name} cannot test headers, so it also counts "
                                + "requests without them"));
                }
            }
        }

        output.Add(unit, profile, HostNames.ServiceFqdn(root.Name, root.Namespace, shared.ClusterDomain),
            root.Namespace, sources);
    }

    private static RequestCondition ConditionOf(RouteMatch match)
    {
        var conditions = new List<RequestCondition>();
        if (!match.AnyPath)
        {
            var pathRegex = RegexAnchoring.FullMatchPath(match.PathRegex!, PathRegexEngine.RustRegex);
            conditions.Add(new RequestCondition { PathRegex = pathRegex });
        }

        if (!match.AnyMethod)
        {
            var methods = match.Methods.Distinct(StringComparer.Ordinal)
                .Select(m => new RequestCondition { Method = m }).ToList();
            conditions.Add(methods.Count == 1 ? methods[0] : new RequestCondition { Any = methods });
        }

        return conditions.Count switch
        {
            0 => new RequestCondition { PathRegex = ".*" },
            1 => conditions[0],
            _ => new RequestCondition { All = conditions },
        };
    }
}
