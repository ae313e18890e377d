using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.GatewayApi.Routes;
using Smi.Adapters.GatewayApi.Routes.Resources;

namespace Smi.Adapters.GatewayApi.Splits;

/// <summary>Translates the TrafficSplits of one root Service into an HTTPRoute or TCPRoute per root port.</summary>
internal sealed class SplitTranslation(MeshSnapshot snapshot, GatewayApiOptions options, TranslationOutput output)
{
    private readonly ServiceRouteBuilder _routes = new(RouteApiVersion.GatewayV1);

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
            "Gateway API mesh routes bind to a Service's cluster IP");
        if (root is null)
        {
            return;
        }
        var routes = new ServiceSplitRoutes(snapshot, _routes, d => output.Report(unit, d));
        foreach (var port in root.Ports.Where(PortProtocols.IsNotTcp).OrderBy(p => p.Port))
        {
            foreach (var split in usable)
            {
                output.Report(unit, Diagnostic.Warning(SmiReasons.NonTcpRootPort, split.Source, "spec.service",
                    $"port {port.Port}/{port.Protocol} of Service {ns}/{rootName} is not split: no mesh implements "
                    + $"UDPRoute for Service parents, so that traffic keeps going to {rootName} (port {port.Port})"));
            }
        }

        foreach (var port in root.Ports.Where(p => !PortProtocols.IsNotTcp(p)).GroupBy(p => p.Port)
            .Select(p => p.First()).OrderBy(p => p.Port))
        {
            if (PortProtocols.IsOpaqueTcp(port))
            {
                TranslateTcpPort(unit, root, port, usable, routes);
                continue;
            }

            var route = routes.BuildHttpRoute(root, port.Port, usable, out var sources,
                nameRules: options.Version >= GatewayApiVersion.V1_5);
            if (route is not null)
            {
                output.Add(unit, route, ObjectNames.Compose(root.Name, port.Port), ns, sources);
            }
        }
    }

    private void TranslateTcpPort(UnitKey unit, ServiceInfo root, ServicePortInfo port, List<SplitRule> splits,
        ServiceSplitRoutes routes)
    {
        var protocol = port.AppProtocol ?? port.Name;
        foreach (var split in splits.Where(s => s.HasMatches))
        {
            output.Report(unit, Diagnostic.Warning(SmiReasons.MatchesOnTcpPort, split.Source, "spec.matches",
                $"port {port.Port} of Service {root.Namespace}/{root.Name} carries opaque TCP ({protocol}), where HTTP "
                + $"matches cannot apply; this A/B split is not applied on that port (port {port.Port}). Set "
                + "appProtocol: http on the port if it carries HTTP"));
        }

        if (splits.FirstOrDefault(s => !s.HasMatches) is not { } plain)
        {
            return;
        }

        if (!options.TcpRoutes)
        {
            output.Report(unit, Diagnostic.Warning(GatewayApiReasons.TcpRoutesDisabled, plain.Source, "spec.service",
                $"port {port.Port} of Service {root.Namespace}/{root.Name} carries opaque TCP ({protocol}), which "
                + $"HTTPRoutes do not split, so its traffic keeps going to {root.Name} (port {port.Port}). Turn on the "
                + "TcpRoutes option to get a TCPRoute (experimental channel before Gateway API 1.6)"));
            return;
        }

        var apiVersion = options.Version >= GatewayApiVersion.V1_6 ? TcpRoute.V1 : TcpRoute.V1Alpha2;
        if (routes.BuildTcpRoute(root, port.Port, plain, apiVersion) is { } route)
        {
            output.Add(unit, route, ObjectNames.Compose(root.Name, port.Port), root.Namespace, [plain.Source]);
        }
    }
}
