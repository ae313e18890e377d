using System.Globalization;
using System.Text.Json;
using Smi.Abstractions;
using Smi.Abstractions.Access;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.GatewayApi.Routes;
using Smi.Adapters.GatewayApi.Routes.Resources;
using Smi.Adapters.Linkerd.Resources;

namespace Smi.Adapters.Linkerd.Access;

/// <summary>
/// Translates the TrafficTargets of one destination identity: a Server per container port, and per Server the
/// AuthorizationPolicies and MeshTLSAuthentications that allow exactly what the TrafficTargets allow, with HTTPRoutes
/// (parent: the Server) for HTTPRouteGroup rules.
/// </summary>
internal sealed class AccessTranslation(MeshSnapshot snapshot, TranslationOptions shared, LinkerdOptions options,
    TranslationOutput output)
{
    private const string PolicyGroup = "policy.linkerd.io";
    private const string DefaultInboundPolicyAnnotation = "config.linkerd.io/default-inbound-policy";
    private const string WholePortRoute = "all";

    private readonly ServiceRouteBuilder _routes = new(LinkerdRouteApis.For(options.RouteApi));
    private readonly HashSet<ResourceRef> _undeclaredPortsReported = [];

    /// <summary>Translates every TrafficTarget of the snapshot, grouped by destination.</summary>
    public void TranslateAll()
    {
        var owners = new Dictionary<ResourceRef, SortedSet<UnitKey>>();
        foreach (var destination in snapshot.Access.Destinations)
        {
            foreach (var workload in destination.Selection.Workloads)
            {
                if (!owners.TryGetValue(workload.Ref, out var keys))
                {
                    keys = [];
                    owners[workload.Ref] = keys;
                }

                keys.Add(destination.Unit);
            }
        }

        foreach (var destination in snapshot.Access.Destinations)
        {
            Translate(destination, owners);
        }

        if (shared.DefaultDeny)
        {
            ReportDefaultDeny();
        }
    }

    private void Translate(ResolvedDestination resolved, Dictionary<ResourceRef, SortedSet<UnitKey>> owners)
    {
        var unit = resolved.Unit;
        var grants = resolved.Grants.Select(g => g.Grant).ToList();
        var destination = resolved.Identity;
        var selection = resolved.Selection;
        if (selection.IsEmpty || !selection.Exclusive)
        {
            foreach (var grant in grants)
            {
                output.Report(unit, selection.IsEmpty
                    ? Diagnostic.Error(SmiReasons.DestinationWorkloadsNotFound, grant.Source, "spec.destination",
                        $"no workload in the input runs as {destination}, so no Server podSelector can be built and "
                            + "nothing is allowed; add the destination's Deployments to the input")
                    : Diagnostic.Error(SmiReasons.DestinationSelectorNotExclusive, grant.Source, "spec.destination",
                        $"the pods of {destination} share no labels that select them and no other pods of namespace "
                            + $"{destination.Namespace}, so a Server would cover other workloads; nothing is "
                            + "translated. Give these pods a distinguishing label"));
            }

            return;
        }

        var others = selection.Workloads.SelectMany(w => owners[w.Ref])
            .Where(k => k != unit).Distinct().Order().ToList();
        if (others.Count > 0)
        {
            foreach (var grant in grants)
            {
                output.Report(unit, Diagnostic.Error(LinkerdReasons.OverlappingDestinations, grant.Source,
                    "spec.destination",
                    $"the workloads of {destination} are also the destination of "
                        + $"{string.Join(", ", others.Select(k => $"{k.Namespace}/{k.Name}"))}; Linkerd rejects "
                        + "Servers that select the same pod and port, so nothing is translated. Use one identity per "
                        + "workload"));
            }

            return;
        }

        if (!resolved.PortsDifferByWorkload)
        {
            // Every workload is allowed the same ports: one Server per port selects them all by their shared labels
            // (for an IdentityBinding's pod subset, those include the subset's labels).
            var all = Enumerable.Range(0, selection.Workloads.Length).ToList();
            TranslateServers(unit, resolved, all, selection.CommonLabels, port => ServerName(destination, port));
            return;
        }

        // A named port means different numbers on different workloads: one Server per workload and port, selected by
        // the workload's own pod labels; a Server for all of them would open each one's other ports.
        foreach (var grant in resolved.Grants.Where(g => g.PortsDifferByWorkload))
        {
            output.Report(unit, AccessRefusals.PolicyPerWorkload(resolved, grant, "Servers"));
        }

        for (var i = 0; i < selection.Workloads.Length; i++)
        {
            var workload = selection.Workloads[i];
            if (!snapshot.PodLabelsSelectOnly(workload))
            {
                foreach (var grant in grants)
                {
                    output.Report(unit, Diagnostic.Error(
                        SmiReasons.DestinationSelectorNotExclusive,
                        grant.Source,
                        "spec.destination",
                        $"the ports of {destination} differ by workload, and the pod labels of {workload.Ref.Kind} "
                        + $"{workload.Ref.Name} also select other pods of namespace {destination.Namespace}, so no "
                        + "Server was built for it and nothing is allowed there. "
                        + "Give its pods a distinguishing label"));
                }

                continue;
            }

            TranslateServers(
                unit,
                resolved,
                [i],
                workload.PodLabels,
                port => WorkloadServerName(destination, workload.Ref.Name, port));
        }
    }

    private void TranslateServers(
        UnitKey unit,
        ResolvedDestination resolved,
        IReadOnlyList<int> workloads,
        IReadOnlyDictionary<string, string> podLabels,
        Func<int, string> serverName)
    {
        var selected = workloads.Select(i => resolved.Selection.Workloads[i]).ToList();
        var declaredPorts = resolved.DeclaredTcpPorts(workloads).ToList();
        var portGrants = resolved.Grants.SelectMany(g => PortGrantsOf(unit, g, workloads, declaredPorts)).ToList();
        foreach (var onPort in portGrants.GroupBy(p => p.Port).OrderBy(p => p.Key))
        {
            var opaque = OpaquePorts.Reason(snapshot, selected, onPort.Key);
            var kept = opaque is null ? [.. onPort] : WithoutHttpRules(unit, onPort.Key, opaque, [.. onPort]);
            if (kept.Count > 0)
            {
                TranslatePort(
                    unit, resolved.Identity.Namespace, serverName(onPort.Key), onPort.Key, opaque is not null,
                    podLabels, selected, kept);
            }
        }
    }

    /// <summary>
    /// The grants of an opaque port that allow whole connections. A grant with HTTPRouteGroup rules allows only
    /// requests, which Linkerd cannot see on an opaque port (and an HTTPRoute never applies there), so it allows
    /// nothing on that port, with an error.
    /// </summary>
    private List<PortGrant> WithoutHttpRules(UnitKey unit, int port, string opaque, List<PortGrant> grants)
    {
        foreach (var grant in grants.Where(g => g.Matches is not null))
        {
            var rules = grant.Grant.Rules;
            var index = Enumerable.Range(0, rules.Length).First(i => rules[i].Kind == AccessRuleKind.HttpRouteGroup);
            output.Report(unit, Diagnostic.Error(LinkerdReasons.HttpRuleOnOpaquePort, grant.Grant.Source,
                string.Create(CultureInfo.InvariantCulture, $"spec.rules[{index}]"),
                $"HTTPRouteGroup {rules[index].Name} applies to port {port} of {grant.Grant.Destination}, which "
                    + $"Linkerd proxies as opaque TCP ({opaque}); no HTTP request is seen there, so nothing is "
                    + $"allowed on port {port}. Add a TCPRoute rule naming only the HTTP ports, or allow the port "
                    + "with a TCPRoute rule alone"));
        }

        return [.. grants.Where(g => g.Matches is null)];
    }

    /// <summary>
    /// The Server of a destination port: <c>&lt;sa&gt;-&lt;port&gt;</c> or <c>&lt;binding&gt;-binding-&lt;port&gt;</c>.
    /// A name that is not plain (dots, as in <c>web.v1</c> against <c>web-v1</c>) or a ServiceAccount ending in
    /// <c>-binding</c> gets a hash of the inputs, so no two destinations share a Server name. Plain names end in the
    /// port number, hashed ones in eight hexadecimal digits, so the two forms never meet.
    /// </summary>
    private static string ServerName(IdentityRef destination, int port)
    {
        var isAccount = destination.Kind == IdentityKind.ServiceAccount;
        var prefix = isAccount ? destination.Name : $"{destination.Name}-binding";
        var plain = DistinctNames.IsPlain(destination.Name)
            && !(isAccount && destination.Name.EndsWith("-binding", StringComparison.Ordinal));
        return plain
            ? ObjectNames.Compose(prefix, port)
            : ObjectNames.Compose(prefix, port, DistinctNames.Hash(
                destination.Kind.ToString(), destination.Name, port.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// The Server of one workload's port, when the destination's ports differ by workload: the destination's Server
    /// prefix, the workload and the port, always with a hash of the inputs, so it never equals a plain Server name.
    /// </summary>
    private static string WorkloadServerName(IdentityRef destination, string workload, int port)
    {
        var prefix = destination.Kind == IdentityKind.ServiceAccount ? destination.Name : $"{destination.Name}-binding";
        return ObjectNames.Compose(prefix, workload, port, DistinctNames.Hash(
            destination.Kind.ToString(), destination.Name, workload, port.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// An HTTPRoute of a Server, named after the TrafficTargets whose matches it carries. The readable
    /// <c>&lt;server&gt;-&lt;target&gt;</c> is kept for one plain target whose name neither is <c>all</c> (the
    /// whole-port route) nor ends in a number (a Server's form); several targets, or any other name, get a hash.
    /// </summary>
    private static string RouteName(string serverName, IReadOnlyList<string> grantNames)
    {
        var single = grantNames.Count == 1 ? grantNames[0] : null;
        var plain = single is not null
            && DistinctNames.IsPlain(single, WholePortRoute)
            && !single[(single.LastIndexOf('-') + 1)..].All(char.IsAsciiDigit);
        return plain
            ? ObjectNames.Compose(serverName, single!)
            : ObjectNames.Compose(
                serverName, string.Join("-", grantNames), DistinctNames.Hash([serverName, .. grantNames]));
    }

    private IEnumerable<PortGrant> PortGrantsOf(
        UnitKey unit, ResolvedGrant resolved, IReadOnlyList<int> workloads, List<int> declaredPorts)
    {
        var grant = resolved.Grant;
        var subsets = resolved.PodSubsetSources.ToList();
        if (subsets.Count > 0)
        {
            // A MeshTLSAuthentication names whole service accounts; a pod subset of one cannot be told apart.
            subsets.ForEach(s => output.Report(unit, AccessRefusals.SourcePodSubset(resolved, s, "Linkerd")));
            yield break;
        }

        var sources = SourcesOf(unit, resolved);
        var matches = new List<HttpRouteMatch>();
        foreach (var rule in resolved.PortRules)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"spec.rules[{rule.Index}]");
            if (rule.IsUdp)
            {
                output.Report(unit, Diagnostic.Warning(SmiReasons.UdpRouteUnsupported, grant.Source, field,
                    $"UDPRoute {rule.Rule.Name} is not translated: the Linkerd proxy neither carries nor authorizes "
                    + "UDP, so UDP to these pods bypasses the mesh. Use a NetworkPolicy for UDP"));
            }
            else if (rule.ResolvesToNoPort)
            {
                output.Report(unit, Diagnostic.Error(SmiReasons.RuleResolvesToNoPort, grant.Source, field,
                    rule.Route is null
                        ? $"TCPRoute {grant.Namespace}/{rule.Rule.Name} is not in the input, so this rule names no "
                            + "port and allows nothing; add the TCPRoute"
                        : $"the ports of TCPRoute {grant.Namespace}/{rule.Rule.Name} "
                            + $"({string.Join(", ", rule.Route.Ports)}) resolve to no container port of "
                            + $"{grant.Destination} (a Service targetPort names no declared container port), "
                            + "so this rule allows nothing; declare the port on the containers"));
            }
        }

        foreach (var httpRule in resolved.HttpRules)
        {
            // An HTTP rule is present: only its matches are allowed, and none means nothing (never the whole
            // Server, which is what a Server without HTTPRoutes would authorize).
            var field = string.Create(CultureInfo.InvariantCulture, $"spec.rules[{httpRule.Index}]");
            var name = httpRule.Rule.Name;
            if (httpRule.MatchesNothing)
            {
                output.Report(unit, Diagnostic.Error(SmiReasons.RuleMatchesNothing, grant.Source, field,
                    httpRule.Group is null
                        ? $"HTTPRouteGroup {grant.Namespace}/{name} is not in the input, so this rule "
                            + "matches no request and allows nothing; add the route group"
                        : $"HTTPRouteGroup {grant.Namespace}/{name} has none of the matches this rule "
                            + "selects, so it matches no request and allows nothing; give it matches"));
            }

            foreach (var match in httpRule.Matches)
            {
                matches.AddRange(HttpMatchBuilder.Build(match, PathRegexEngine.RustRegex, out var problem));
                if (problem is not null)
                {
                    output.Report(unit, Diagnostic.Error(SmiReasons.UnsupportedMatch, grant.Source, field,
                        $"HTTPRouteGroup {name}: {problem}; requests of that match are not allowed. "
                            + "Fix the route group"));
                }
            }
        }

        var tcpResolved = resolved.PortRules.Any(r => !r.IsUdp && !r.ResolvesToNoPort);
        if (sources.Count == 0 || (resolved.HasUdpRule && !resolved.HasTcpRule)
            || (resolved.HasHttpRule && matches.Count == 0) || (resolved.HasTcpRule && !tcpResolved))
        {
            yield break;
        }

        // No TCPRoute rule, or one without ports, means every declared port; a v1alpha1/v1alpha2 destination port
        // narrows that. Only the ports of these workloads: a workload this grant gives no port gets no Server.
        var list = resolved.EveryPort
            ? declaredPorts
            : workloads.SelectMany(w => resolved.Ports[w].Ports).Distinct().Order().ToList();
        if (list.Count == 0)
        {
            if (resolved.EveryPort || resolved.PortsOnAnyWorkload.IsEmpty)
            {
                output.Report(unit, Diagnostic.Error(LinkerdReasons.DestinationPortsUnknown, grant.Source, "spec.rules",
                    $"the rules cover every port of {grant.Destination}, but its workloads declare no TCP container "
                    + "port, so no Server can be built and nothing is allowed; declare the container ports or list "
                    + "them in a TCPRoute"));
            }

            yield break;
        }

        if (resolved.EveryPort && shared.DefaultDeny && _undeclaredPortsReported.Add(grant.Source))
        {
            // Linkerd authorizes per Server, and a Server names one port; a port no container declares gets no
            // Server, so the deny default applies there although SMI allows it.
            output.Report(unit, Diagnostic.Warning(LinkerdReasons.UndeclaredPortsClosed, grant.Source,
                resolved.RulesField,
                $"this TrafficTarget allows every port of {grant.Destination}, but Linkerd authorizes per Server and "
                + "Servers are written only for the ports its containers declare; connections to any other port "
                + "fall to the deny default. Declare every port the pods listen on"));
        }

        foreach (var port in list)
        {
            yield return new PortGrant(grant, port, sources, resolved.HasHttpRule ? matches : null);
        }
    }

    private List<(string Namespace, string Name)> SourcesOf(UnitKey unit, ResolvedGrant resolved)
    {
        var grant = resolved.Grant;
        var accounts = new SortedSet<(string, string)>();
        foreach (var source in resolved.Sources)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"spec.sources[{source.Index}]");
            if (source.ServiceAccounts.IsDefaultOrEmpty)
            {
                output.Report(unit, Diagnostic.Warning(SmiReasons.IdentityNotResolved, grant.Source, field,
                    $"{source.Identity} stands for no service account in the input, so it is allowed nothing; "
                    + "bind it to a service account"));
            }

            accounts.UnionWith(source.ServiceAccounts);
            if (!source.SpiffeIdentities.IsDefaultOrEmpty)
            {
                output.Report(unit, Diagnostic.Warning(SmiReasons.SpiffeIdentityUnsupported, grant.Source, field,
                    $"the SPIFFE identities of {source.Identity} are not allowed: a MeshTLSAuthentication names "
                    + "either service accounts or identities, not both. Bind the workloads by service account"));
            }
        }

        return [.. accounts];
    }

    private void TranslatePort(
        UnitKey unit, string ns, string serverName, int port, bool opaque,
        IReadOnlyDictionary<string, string> podLabels, List<WorkloadInfo> workloads, List<PortGrant> grants)
    {
        var server = new Server();
        foreach (var label in podLabels)
        {
            server.Spec.PodSelector.MatchLabels[label.Key] = label.Value;
        }

        server.Spec.Port = port;
        server.Spec.ProxyProtocol = opaque ? "opaque" : null;
        output.Add(unit, server, serverName, ns, grants.Select(g => g.Grant.Source));

        var wholePort = grants.Where(g => g.Matches is null).ToList();
        var wholePortSources = wholePort.SelectMany(g => g.Sources).Distinct().Order().ToList();
        if (wholePort.Count > 0)
        {
            AddAuthorization(unit, ns, serverName, new PolicyReference { Group = PolicyGroup, Kind = "Server",
                Name = serverName }, wholePortSources, wholePort.Select(g => g.Grant.Source));
        }

        var http = grants.Where(g => g.Matches is not null).ToList();
        if (http.Count == 0)
        {
            return;
        }

        // Identical matches are merged so a request is never judged by a route that lacks some of its clients;
        // clients allowed on the whole port are added to every route, since a request is judged by its route only.
        var byMatch = new List<(string Key, HttpRouteMatch Match, SortedSet<(string, string)> Sources,
            SortedSet<string> Grants)>();
        foreach (var grant in http)
        {
            foreach (var match in grant.Matches!)
            {
                var key = JsonSerializer.Serialize(match);
                var index = byMatch.FindIndex(m => string.Equals(m.Key, key, StringComparison.Ordinal));
                if (index < 0)
                {
                    byMatch.Add((key, match, [.. wholePortSources], []));
                    index = byMatch.Count - 1;
                }

                byMatch[index].Sources.UnionWith(grant.Sources);
                byMatch[index].Grants.Add(grant.Grant.Source.Name);
            }
        }

        var routes = byMatch.GroupBy(m => string.Join(",", m.Sources)).ToList();
        foreach (var route in routes)
        {
            var grantNames = route.SelectMany(m => m.Grants).Distinct().Order(StringComparer.Ordinal).ToList();
            var routeName = RouteName(serverName, grantNames);
            var rules = _routes.Chunk([.. route.Select(m => m.Match)])
                .Select(matches => new HttpRouteRule { Matches = matches }).ToList();
            var grantRefs = http.Where(g => route.Any(m => m.Grants.Contains(g.Grant.Source.Name)))
                .Select(g => g.Grant.Source).Concat(wholePort.Select(g => g.Grant.Source)).ToList();
            AddRoute(unit, ns, serverName, routeName, rules, [.. route.First().Sources], grantRefs);
        }

        if (wholePort.Count > 0)
        {
            var wholePortRoute = ObjectNames.Compose(serverName, WholePortRoute);
            AddRoute(unit, ns, serverName, wholePortRoute, [new HttpRouteRule()], wholePortSources,
                wholePort.Select(g => g.Grant.Source).ToList());
        }

        // Every TrafficTarget with a route here may lose requests to another's route, so each is told.
        foreach (var target in routes.Count > 1 ? http.Select(g => g.Grant.Source).Distinct() : [])
        {
            output.Report(unit, Diagnostic.Warning(
                LinkerdReasons.RouteAuthorizationOverlap,
                target,
                "spec.rules",
                $"Server {ns}/{serverName} has {routes.Count} HTTPRoutes with different clients; Linkerd judges a "
                    + "request by the one route that matches it best, so a request that matches routes of several "
                    + "clients is allowed only for the clients of that route. Keep the matches of different "
                    + "TrafficTargets disjoint"));
        }

        foreach (var workload in workloads)
        {
            foreach (var probe in workload.HttpProbes)
            {
                var probePort = int.TryParse(probe.Port, NumberStyles.None, CultureInfo.InvariantCulture,
                    out var number) ? number : workload.FindPortByName(probe.Port);
                if (probePort == port)
                {
                    output.Report(unit, Diagnostic.Warning(LinkerdReasons.ProbesBlocked, http[0].Grant.Source,
                        "spec.rules",
                        $"Server {ns}/{serverName} has HTTPRoutes, so Linkerd stops authorizing kubelet probes on "
                            + $"port {port}: the {probe.Kind} probe {probe.Path ?? "/"} of {workload.Ref.Kind} "
                            + $"{workload.Ref.Namespace}/{workload.Ref.Name} will fail. Add an HTTPRoute for the "
                            + "probe path with an AuthorizationPolicy and a NetworkAuthentication for the node "
                            + "network"));
                }
            }
        }
    }

    private void AddRoute(UnitKey unit, string ns, string serverName, string routeName, List<HttpRouteRule> rules,
        List<(string Namespace, string Name)> sources, List<ResourceRef> grantRefs)
    {
        var problem = _routes.CheckLimits(rules);
        if (problem is not null)
        {
            foreach (var grant in grantRefs.Distinct().Order())
            {
                output.Report(unit, Diagnostic.Error(SmiReasons.TooManyMatches, grant, "spec.rules",
                    $"HTTPRoute {ns}/{routeName}: {problem}; its requests are not allowed. Use fewer matches or "
                        + "methods"));
            }

            return;
        }

        var route = new HttpRoute { ApiVersion = _routes.Api.ApiVersion };
        route.Spec.ParentRefs.Add(new ParentReference { Group = PolicyGroup, Kind = "Server", Name = serverName });
        route.Spec.Rules = rules;
        output.Add(unit, route, routeName, ns, grantRefs);
        AddAuthorization(unit, ns, routeName, new PolicyReference { Group = _routes.Api.Group, Kind = "HTTPRoute",
            Name = routeName }, sources, grantRefs);
    }

    private void AddAuthorization(UnitKey unit, string ns, string name, PolicyReference target,
        IReadOnlyList<(string Namespace, string Name)> sources, IEnumerable<ResourceRef> grantRefs)
    {
        var refs = grantRefs.ToList();
        var authentication = new MeshTlsAuthentication();
        authentication.Spec.IdentityRefs = [.. sources.Select(s => new IdentityReference { Name = s.Name,
            Namespace = s.Namespace })];
        output.Add(unit, authentication, name, ns, refs);

        var policy = new AuthorizationPolicy();
        policy.Spec.TargetRef = target;
        policy.Spec.RequiredAuthenticationRefs.Add(new PolicyReference { Group = PolicyGroup,
            Kind = "MeshTLSAuthentication", Name = name });
        output.Add(unit, policy, name, ns, refs);
    }

    private void ReportDefaultDeny()
    {
        // Every namespace unit (workloads, TrafficTargets or a Namespace object), not only those with targets.
        var namespaces = output.WantedUnits(snapshot, UnitKind.Namespace).Select(u => u.Namespace);
        foreach (var ns in namespaces.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var annotations = snapshot.FindNamespace(ns)?.Annotations;
            if (annotations is not null && annotations.TryGetValue(DefaultInboundPolicyAnnotation,
                out var value) && string.Equals(value, "deny", StringComparison.Ordinal))
            {
                continue;
            }

            output.Report(UnitKey.ForNamespace(ns), Diagnostic.Warning(LinkerdReasons.DefaultDenyNeedsAnnotation,
                new ResourceRef("v1", "Namespace", null, ns), "metadata.annotations",
                $"SMI denies by default, Linkerd does not: annotate namespace {ns} with "
                    + $"{DefaultInboundPolicyAnnotation}: deny and restart its pods (Linkerd reads the policy at pod "
                    + "start). The translator does not edit Namespaces"));
        }
    }
}
