using System.Globalization;
using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.Istio.Resources;

namespace Smi.Adapters.Istio.Splits;

/// <summary>
/// TrafficSplits to one VirtualService per root host: A/B routes first (one per HTTPRouteGroup match), then the
/// weighted split of all traffic or a catch-all to the root, and <c>tcp</c> routes for the root's non-HTTP ports.
/// </summary>
internal static class VirtualServiceTranslation
{
    public static void Translate(MeshSnapshot snapshot, IstioSettings settings, TranslationOutput output)
    {
        foreach (var (unit, splits) in output.WantedSplitRoots(snapshot))
        {
            TranslateRoot(snapshot, settings, output, unit, splits);
        }
    }

    private static void TranslateRoot(MeshSnapshot snapshot, IstioSettings settings, TranslationOutput output,
        UnitKey unit, List<SplitRule> splits)
    {
        var ns = unit.Namespace;
        var rootHost = HostNames.ServiceFqdn(unit.Name, ns, settings.ClusterDomain);
        var sources = new List<ResourceRef>();
        void Report(Diagnostic diagnostic) => output.Report(unit, diagnostic);

        // Every plain split routes all traffic of the root; only one of them can.
        var plain = splits.Where(s => !s.HasMatches).ToList();
        var weighted = plain.FirstOrDefault();
        IReadOnlyList<RouteDestination>? weightedRoute = null;
        if (weighted is not null)
        {
            weightedRoute = Destinations(weighted, settings, Report, snapshot);
            sources.Add(weighted.Source);
            foreach (var other in plain.Skip(1))
            {
                if (SameShares(weighted, other))
                {
                    sources.Add(other.Source);
                    continue;
                }

                Report(Diagnostic.Error(
                    SmiReasons.ConflictingSplits,
                    other.Source,
                    "spec.backends",
                    $"TrafficSplit {other.Source.Name} splits all traffic of {unit.Name} differently from "
                        + $"TrafficSplit {weighted.Source.Name}, and Istio allows one VirtualService per host; only "
                        + $"{weighted.Source.Name} is used. Merge the two TrafficSplits into one."));
            }
        }

        var rootService = snapshot.FindService(ns, unit.Name);
        var kinds = rootService?.Ports.Select(p => (Port: p, Kind: PortProtocols.Classify(p))).ToList();
        var httpCapable = kinds is null || kinds.Any(k => k.Kind is PortProtocolKind.Http or PortProtocolKind.Unknown);

        var http = new List<HttpRoute>();
        var matchedGroups = new Dictionary<string, SplitRule>(StringComparer.Ordinal);
        foreach (var split in splits.Where(s => s.HasMatches))
        {
            if (!httpCapable)
            {
                Report(Diagnostic.Warning(
                    SmiReasons.MatchesOnTcpPort,
                    split.Source,
                    "spec.matches",
                    $"every port of Service {ns}/{unit.Name} is opaque TCP, where Istio cannot match HTTP requests; "
                        + $"its traffic stays on {unit.Name}. Name the port http (or set appProtocol: http) if it "
                        + "carries HTTP."));
                continue;
            }

            var route = Destinations(split, settings, Report, snapshot);
            var routeByPort = PerPortDestinations(split, settings, Report, snapshot, HttpPorts(kinds), rootHost);
            for (var i = 0; i < split.RouteGroups.Length; i++)
            {
                var reference = split.RouteGroups[i];
                if (matchedGroups.TryGetValue(reference.Name, out var earlier))
                {
                    Report(Diagnostic.Error(
                        SmiReasons.ConflictingSplits,
                        split.Source,
                        $"spec.matches[{i}]",
                        $"HTTPRouteGroup {reference.Name} is already matched by TrafficSplit {earlier.Source.Name} on "
                            + "the same root; Istio takes the first matching route, so this split's routes for it "
                            + "would never apply. Use one TrafficSplit per HTTPRouteGroup."));
                    continue;
                }

                if (snapshot.FindRouteGroup(ns, reference.Name) is not { } group)
                {
                    continue;
                }

                matchedGroups[reference.Name] = split;
                sources.Add(split.Source);
                sources.Add(group.Source);
                for (var m = 0; m < group.Matches.Length; m++)
                {
                    if (BuildMatch(group, m, Report) is not { } match)
                    {
                        continue;
                    }

                    if (routeByPort is null)
                    {
                        http.Add(new HttpRoute { Match = match.Count > 0 ? match : null, Route = route });
                        continue;
                    }

                    // Istio ANDs the port with the other conditions of a match request.
                    foreach (var (port, portRoute) in routeByPort)
                    {
                        IReadOnlyList<HttpMatchRequest> portMatch = match.Count > 0
                            ? [.. match.Select(r => WithPort(r, port))]
                            : [new HttpMatchRequest { Port = port }];
                        http.Add(new HttpRoute { Match = portMatch, Route = portRoute });
                    }
                }
            }
        }

        var tcp = new List<TcpRoute>();
        if (weightedRoute is not null)
        {
            var opaquePorts = kinds?.Where(k => k.Kind is PortProtocolKind.OpaqueTcp or PortProtocolKind.Unknown)
                .Select(k => k.Port.Port).Distinct().Order().ToList() ?? [];
            var byPort = PerPortDestinations(
                weighted!, settings, Report, snapshot, [.. HttpPorts(kinds).Union(opaquePorts)], rootHost);
            if (httpCapable)
            {
                if (byPort is null)
                {
                    http.Add(new HttpRoute { Route = weightedRoute });
                }
                else
                {
                    http.AddRange(HttpPorts(kinds).Select(p => new HttpRoute
                    {
                        Match = [new HttpMatchRequest { Port = p }],
                        Route = byPort[p],
                    }));
                }
            }

            if (kinds is null)
            {
                // Ports unknown: Istio may classify the traffic either way.
                tcp.Add(new TcpRoute { Route = weightedRoute });
            }
            else
            {
                var opaque = opaquePorts;
                if (opaque.Count > 0 && byPort is not null)
                {
                    tcp.AddRange(opaque.Select(p => new TcpRoute
                    {
                        Match = [new L4MatchAttributes { Port = p }],
                        Route = byPort[p],
                    }));
                }
                else if (opaque.Count > 0)
                {
                    tcp.Add(new TcpRoute { Match = [.. opaque.Select(p => new L4MatchAttributes { Port = p })],
                        Route = weightedRoute });
                }

                foreach (var (port, _) in kinds.Where(k => k.Kind == PortProtocolKind.NotProxied))
                {
                    Report(Diagnostic.Warning(
                        SmiReasons.NonTcpRootPort,
                        weighted!.Source,
                        "spec.service",
                        string.Create(CultureInfo.InvariantCulture,
                            $"port {port.Port}/{port.Protocol} of Service {ns}/{unit.Name} is not split: Istio "
                            + $"sidecars do not proxy {port.Protocol}, so that traffic keeps going to {unit.Name}.")));
                }
            }
        }
        else if (http.Count > 0 && http.All(r => r.Match is not null))
        {
            // SMI: requests that match no route group keep going to the root Service (unless a match already takes
            // all).
            var toRoot = new RouteDestination { Destination = new Destination { Host = rootHost } };
            http.Add(new HttpRoute { Route = [toRoot] });
        }

        if (http.Count == 0 && tcp.Count == 0)
        {
            if (weighted is null && matchedGroups.Count > 0 && httpCapable)
            {
                // Only A/B splits, and their route groups match nothing: SMI keeps all traffic on the root.
                Report(Diagnostic.Warning(
                    IstioReasons.NoMatchesToRoute,
                    splits.First(s => s.HasMatches).Source,
                    "spec.matches",
                    "the HTTPRouteGroups of this split "
                        + $"({string.Join(", ", matchedGroups.Keys.Order(StringComparer.Ordinal))}) have no matches, "
                        + $"so no request is split and all traffic stays on {unit.Name}; no VirtualService was "
                        + "generated. Add matches under spec.matches of the route group."));
            }
            else if (sources.Count > 0 || weighted is not null)
            {
                Report(Diagnostic.Error(
                    IstioReasons.NothingToRoute,
                    splits[0].Source,
                    "spec.service",
                    $"no port of Service {ns}/{unit.Name} can be routed by Istio (HTTP or TCP), so no VirtualService "
                        + "was generated; add a TCP port to the Service."));
            }

            return;
        }

        output.Add(unit, new VirtualService
        {
            ApiVersion = settings.NetworkingApiVersion,
            Metadata = GeneratedMetadata.Create(IstioNames.ForSplitRoot(unit.Name), ns, IstioTranslator.MeshName, unit,
                sources),
            Spec = new VirtualServiceSpec
            {
                Hosts = [rootHost],
                Http = http.Count > 0 ? http : null,
                Tcp = tcp.Count > 0 ? tcp : null,
            },
        });
    }

    /// <summary>
    /// The backends as weighted destinations (see <see cref="IstioWeights"/>). A backend whose
    /// Service exposes none of the root's ports takes part in nothing (SMI excludes it), so its share goes to the rest.
    /// </summary>
    internal static IReadOnlyList<RouteDestination> Destinations(SplitRule split, IstioSettings settings,
        Action<Diagnostic> report, MeshSnapshot? snapshot = null)
    {
        var rootPorts = snapshot?.FindService(split.Namespace, split.RootService)?.Ports
            .Select(p => p.Port).ToHashSet();
        var excluded = new HashSet<int>();
        for (var i = 0; i < split.Backends.Length && rootPorts is { Count: > 0 }; i++)
        {
            if (snapshot!.FindService(split.Namespace, split.Backends[i].Service) is not { } backendService
                || split.Backends[i].Service == split.RootService)
            {
                continue;
            }

            var missing = rootPorts.Where(p => backendService.Ports.All(b => b.Port != p)).Order().ToList();
            if (missing.Count == rootPorts.Count)
            {
                excluded.Add(i);
                report(Diagnostic.Warning(
                    SmiReasons.BackendPortMissing,
                    split.Source,
                    string.Create(CultureInfo.InvariantCulture, $"spec.backends[{i}].service"),
                    $"Service {split.Namespace}/{split.Backends[i].Service} exposes none of the ports of root "
                        + $"{split.RootService} ({string.Join(", ", rootPorts.Order())}), so SMI leaves it out of the "
                        + "split; its weight goes to the other backends. Give it the root's ports."));
            }
        }

        if (excluded.Count > 0 && excluded.Count < split.Backends.Length)
        {
            split = split with { Backends = [.. split.Backends.Where((_, i) => !excluded.Contains(i))] };
        }

        var weights = split.Backends.Select(b => b.Weight).ToList();
        var shares = IstioWeights.Compute(weights, settings.ApiVersion);
        var rendered = shares.Select(x => (decimal)x).ToList();
        if (!ShareDeviation.Percents(weights).SequenceEqual(ShareDeviation.Percents(rendered)))
        {
            // Any rounding changes where traffic goes: a warning; it names each backend beyond the tolerance.
            var deviations = ShareDeviation.Find(weights, rendered);
            var written = string.Join(", ", split.Backends.Select((b, i) => $"{b.Service} {shares[i]}"));
            var moved = string.Concat(deviations.Select(d => $"; {d.Describe(split.Backends[d.Index].Service)}"));
            var message = string.Create(CultureInfo.InvariantCulture,
                $"{IstioWeights.Granularity(settings.ApiVersion)}; written as {written}{moved}.");
            report(Diagnostic.Warning(SmiReasons.WeightsRounded, split.Source, "spec.backends", message));
        }

        return [.. split.Backends.Select((b, i) => new RouteDestination
        {
            Destination = new Destination { Host = HostNames.ServiceFqdn(b.Service, split.Namespace,
                settings.ClusterDomain) },
            Weight = (int)shares[i],
        })];
    }

    /// <summary>The root ports Istio may treat as HTTP, in order (none when the root Service is unknown).</summary>
    private static List<int> HttpPorts(List<(ServicePortInfo Port, PortProtocolKind Kind)>? kinds) =>
        kinds?.Where(k => k.Kind is PortProtocolKind.Http or PortProtocolKind.Unknown)
            .Select(k => k.Port.Port).Distinct().Order().ToList() ?? [];

    private static HttpMatchRequest WithPort(HttpMatchRequest request, int port) => new()
    {
        Uri = request.Uri,
        Method = request.Method,
        Headers = request.Headers,
        Port = port,
    };

    /// <summary>
    /// Per-port destinations where some backends lack some of the root's ports: SMI sends a port's traffic only to
    /// the backends that expose it, in the proportions of their weights among themselves. Istio expresses that with
    /// one route per port (<c>HTTPMatchRequest.port</c>, <c>L4MatchAttributes.port</c>,
    /// https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest and
    /// https://istio.io/latest/docs/reference/config/networking/virtual-service/#L4MatchAttributes). Null when every
    /// backend that takes part exposes every listed port (one route for all ports is then exact). A port that no
    /// backend exposes keeps its traffic on the root. Each port whose shares move by more than
    /// <see cref="ShareDeviation.ToleratedPoints"/> is a <c>BackendPortMissing</c> warning naming the port and the
    /// backends.
    /// </summary>
    internal static IReadOnlyDictionary<int, IReadOnlyList<RouteDestination>>? PerPortDestinations(
        SplitRule split, IstioSettings settings, Action<Diagnostic> report, MeshSnapshot? snapshot,
        IReadOnlyList<int> ports, string rootHost)
    {
        if (snapshot is null || ports.Count == 0)
        {
            return null;
        }

        var rootPorts = snapshot.FindService(split.Namespace, split.RootService)?.Ports.Select(p => p.Port).ToHashSet();
        if (rootPorts is null)
        {
            return null;
        }

        // Backends exposing none of the root's ports take part in nothing (see Destinations).
        var taking = split.Backends
            .Where(b => b.Service == split.RootService
                || snapshot.FindService(split.Namespace, b.Service) is not { } service
                || service.Ports.Any(p => rootPorts.Contains(p.Port)))
            .ToList();
        if (taking.Count == 0)
        {
            taking = [.. split.Backends];
        }

        bool Exposes(SplitBackend backend, int port) => backend.Service == split.RootService
            || snapshot.FindService(split.Namespace, backend.Service) is not { } service
            || service.Ports.Any(p => p.Port == port);

        if (ports.All(p => taking.All(b => Exposes(b, p))))
        {
            return null;
        }

        var result = new SortedDictionary<int, IReadOnlyList<RouteDestination>>();
        var wanted = taking.Select(b => b.Weight).ToList();
        foreach (var port in ports)
        {
            var having = taking.Where(b => Exposes(b, port)).ToList();
            if (having.Count == 0 || having.All(b => b.Weight <= 0))
            {
                report(Diagnostic.Warning(
                    SmiReasons.BackendPortMissing,
                    split.Source,
                    "spec.backends",
                    FormattableString.Invariant(
                        $"no backend with a weight exposes port {port} of root {split.RootService}, so that ")
                    + FormattableString.Invariant(
                        $"port's traffic stays on {split.RootService} (port {port}). Give a backend that port.")));
                result[port] = [new RouteDestination { Destination = new Destination { Host = rootHost } }];
                continue;
            }

            var portWeights = taking.Select(b => Exposes(b, port) ? b.Weight : 0m).ToList();
            var moved = ShareDeviation.Find(wanted, portWeights);
            if (moved.Count > 0)
            {
                var lacking = taking.Where(b => !Exposes(b, port)).Select(b => b.Service);
                var described = string.Join("; ", moved.Select(d => d.Describe(taking[d.Index].Service)));
                report(Diagnostic.Warning(
                    SmiReasons.BackendPortMissing,
                    split.Source,
                    "spec.backends",
                    FormattableString.Invariant(
                        $"on port {port} of root {split.RootService}, {string.Join(", ", lacking)} lack(s) the port, ")
                    + FormattableString.Invariant(
                        $"so SMI splits that port among the others only: {described} (port {port}). Give every ")
                    + "backend the root's ports to keep the split's shares."));
            }

            var portSplit = split with { Backends = [.. having] };
            result[port] = Destinations(
                portSplit,
                settings,
                d => report(d with
                {
                    Message = string.Create(CultureInfo.InvariantCulture, $"on port {port}: {d.Message} (port {port})"),
                }));
        }

        return result;
    }

    /// <summary>
    /// One HTTPRouteGroup match as Istio match requests: one per method, ORed; null when it cannot be expressed.
    /// </summary>
    internal static IReadOnlyList<HttpMatchRequest>? BuildMatch(RouteGroup group, int index, Action<Diagnostic> report)
    {
        var match = group.Matches[index];
        var prefix = group.Source.Version is "v1alpha1" or "v1alpha2" ? "matches" : "spec.matches";
        SortedDictionary<string, StringMatch>? headers = null;
        foreach (var header in match.Headers.IsDefault ? [] : match.Headers)
        {
            headers ??= new SortedDictionary<string, StringMatch>(StringComparer.Ordinal);
            var key = header.Name.ToLowerInvariant();
            if (headers.ContainsKey(key))
            {
                report(Diagnostic.Warning(
                    IstioReasons.HeaderNameCollision,
                    group.Source,
                    $"{prefix}[{index}].headers",
                    $"match {match.Name} tests header {key} twice (header names are case-insensitive), which an Istio "
                        + "match cannot express; requests for this match keep going to the root Service. Combine the "
                        + "two regexes into one."));
                return null;
            }

            headers[key] = new StringMatch { Regex = RegexAnchoring.FullMatchHeader(header.ValueRegex) };
        }

        var uri = match.AnyPath ? null : new StringMatch { Regex = RegexAnchoring.FullMatchPath(match.PathRegex!) };
        var methods = match.AnyMethod ? new string?[] { null }
            : match.Methods.Distinct(StringComparer.Ordinal).Select(m => (string?)m);
        var requests = methods
            .Select(m => new HttpMatchRequest { Uri = uri, Method = m is null ? null : new StringMatch { Exact = m },
                Headers = headers })
            .ToList();

        // A match without any condition accepts every request; Istio expresses that by leaving the match out.
        return requests.Any(r => r.Uri is null && r.Method is null && r.Headers is null) ? [] : requests;
    }

    private static bool SameShares(SplitRule a, SplitRule b)
    {
        static IEnumerable<(string, decimal)> Shares(SplitRule s) =>
            s.Backends.Select(x => x.Service)
                .Zip(ShareDeviation.Percents([.. s.Backends.Select(x => x.Weight)]))
                .OrderBy(x => x.First, StringComparer.Ordinal);
        return Shares(a).SequenceEqual(Shares(b));
    }
}
