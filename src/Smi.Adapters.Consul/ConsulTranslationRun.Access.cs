using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.Consul.Resources;

namespace Smi.Adapters.Consul;

/// <summary>TrafficTargets: one ServiceIntentions per destination service, every target on it merged.</summary>
internal sealed partial class ConsulTranslationRun
{
    /// <summary>Translates every access grant, one destination identity at a time.</summary>
    public void TranslateAccess()
    {
        foreach (var destination in _snapshot.AccessGrants.GroupBy(g => UnitKey.ForDestination(g.Destination)).OrderBy(g => g.Key))
        {
            var grants = destination.ToList();
            var identity = grants[0].Destination;
            var unit = destination.Key;
            var accounts = _snapshot.ServiceAccountsOf(identity);
            if (_snapshot.SpiffeIdentitiesOf(identity).Length > 0)
            {
                foreach (var grant in grants)
                {
                    Report(unit, Diagnostic.Warning(
                        ConsulReasons.SpiffeIdentityUnsupported,
                        grant.Source,
                        SpecPath(grant, "destination"),
                        $"the SPIFFE identities of {identity} have no Consul service name; only its service accounts are protected"));
                }
            }

            if (accounts.IsDefaultOrEmpty)
            {
                foreach (var grant in grants)
                {
                    Report(unit, Diagnostic.Error(
                        ConsulReasons.IdentityNotResolved,
                        grant.Source,
                        SpecPath(grant, "destination"),
                        $"{identity} stands for no service account, so there is no Consul service to protect; bind it to a service account"));
                }

                continue;
            }

            foreach (var (ns, account) in accounts)
            {
                var uses = grants.Select(g => (g, SpecPath(g, "destination"))).ToList();
                foreach (var name in ServiceNamesOf(unit, uses, ns, account))
                {
                    TranslateDestination(unit, ns, name, grants);
                }
            }
        }
    }

    private void TranslateDestination(UnitKey unit, string ns, string name, IReadOnlyList<AccessGrant> grants)
    {
        var collided = false;
        foreach (var grant in grants)
        {
            collided |= ReportCollision(unit, grant.Source, SpecPath(grant, "destination.name"), ns, name, "no intentions were written for it and none of this TrafficTarget's allows apply");
        }

        if (collided)
        {
            return;
        }

        var protocol = ServiceProtocols.Of(_snapshot.FindService(ns, name));
        var destinationIdentity = new IdentityRef(IdentityKind.ServiceAccount, name, ns);
        var callers = new SortedDictionary<(string Name, string Namespace), CallerGrant>();
        foreach (var grant in grants)
        {
            var allowance = Allowance(unit, grant, destinationIdentity);
            if (allowance is null)
            {
                continue;
            }

            if (!allowance.AllTraffic && !ServiceProtocols.IsHttpFamily(protocol))
            {
                Report(unit, Diagnostic.Error(
                    ConsulReasons.L7RulesNeedHttp,
                    grant.Source,
                    SpecPath(grant, RulesField(grant)),
                    $"destination {name} has protocol {protocol}, and Consul checks HTTP routes only for http, http2 and grpc services; this TrafficTarget allows nothing. Set appProtocol: http on the Service ports if the traffic is HTTP"));
                continue;
            }

            for (var i = 0; i < grant.Sources.Length; i++)
            {
                var source = grant.Sources[i];
                if (_snapshot.SpiffeIdentitiesOf(source).Length > 0)
                {
                    Report(unit, Diagnostic.Warning(
                        ConsulReasons.SpiffeIdentityUnsupported,
                        grant.Source,
                        $"{SpecPath(grant, "sources")}[{i}]",
                        $"the SPIFFE identities of {source} have no Consul service name and are not allowed in; only its service accounts are"));
                }

                var sourceAccounts = _snapshot.ServiceAccountsOf(source);
                if (sourceAccounts.IsDefaultOrEmpty)
                {
                    Report(unit, Diagnostic.Warning(
                        ConsulReasons.IdentityNotResolved,
                        grant.Source,
                        $"{SpecPath(grant, "sources")}[{i}]",
                        $"{source} stands for no service account, so no Consul service is allowed in for it; bind it to a service account"));
                }

                var sourceNames = sourceAccounts.SelectMany(a => ServiceNamesOf(
                    unit, [(grant, $"{SpecPath(grant, "sources")}[{i}]")], a.Namespace, a.Name)
                    .Select(name => (a.Namespace, name)));
                foreach (var (sourceNamespace, sourceName) in sourceNames)
                {
                    if (ReportCollision(unit, grant.Source, $"{SpecPath(grant, "sources")}[{i}].name", sourceNamespace, sourceName, "allowing it would also allow the other namespaces' workloads; it was not allowed"))
                    {
                        continue;
                    }

                    if (!callers.TryGetValue((sourceName, sourceNamespace), out var caller))
                    {
                        caller = new CallerGrant();
                        callers[(sourceName, sourceNamespace)] = caller;
                    }

                    caller.Add(allowance, grant);
                }
            }
        }

        if (callers.Count == 0)
        {
            return;
        }

        var sources = callers.Values.SelectMany(c => c.Grants).Select(g => g.Source).Distinct().ToList();
        Emit(unit, IntentionsName(name), ns, sources, new ServiceIntentions
        {
            Spec = new ServiceIntentionsSpec
            {
                Destination = new IntentionDestination { Name = name, Namespace = Mirrored ? ns : null },
                Sources = [.. callers.Select(c => c.Value.ToSource(c.Key.Name, Mirrored ? c.Key.Namespace : null))],
            },
        });
        if (callers.Values.Any(c => !c.AllTraffic))
        {
            RequestDefaults(unit, ns, name, protocol, sources);
        }
    }

    /// <summary>
    /// The Consul service names of a ServiceAccount's pods (see <see cref="ConsulServiceNames"/>), reporting to every
    /// use: an error for pods whose name the input cannot tell or that share a name with another ServiceAccount
    /// (nothing is written for them), a warning when no workload of the account is in the input (its name is assumed
    /// to be the account's), and a warning for a name that ACLs would refuse because it is not the account's.
    /// </summary>
    private IReadOnlyList<string> ServiceNamesOf(
        UnitKey unit, IReadOnlyList<(AccessGrant Grant, string Field)> uses, string ns, string account)
    {
        var resolved = _serviceNames.Resolve(ns, account);
        foreach (var (grant, field) in uses)
        {
            foreach (var problem in resolved.Problems)
            {
                Report(unit, Diagnostic.Error(
                    ConsulReasons.ServiceNameUnresolved,
                    grant.Source,
                    field,
                    $"ServiceAccount {ns}/{account}: {problem}; nothing was written for those pods. Set the "
                        + $"{ConsulServiceNames.Annotation} annotation on the pod template, or select the pods with "
                        + "exactly one Service of their own"));
            }

            if (resolved.Assumed)
            {
                Report(unit, Diagnostic.Warning(
                    ConsulReasons.ServiceNameAssumed,
                    grant.Source,
                    field,
                    $"no workload of ServiceAccount {ns}/{account} is in the input, so its Consul service name is "
                        + $"taken to be {account}, the name consul-k8s requires with ACLs enabled; add its workloads "
                        + "and Services to the input to have the name checked"));
            }

            foreach (var name in resolved.Names.Where(n => !string.Equals(n, account, StringComparison.Ordinal)))
            {
                Report(unit, Diagnostic.Warning(
                    ConsulReasons.ServiceNameNotServiceAccount,
                    grant.Source,
                    field,
                    $"the pods of ServiceAccount {ns}/{account} register in Consul as {name}; with ACLs enabled, "
                        + "consul-k8s refuses a service name that is not the ServiceAccount name, so these pods "
                        + $"would not join the mesh. Name the ServiceAccount {name}, or run without ACLs"));
            }
        }

        return resolved.Names;
    }

    /// <summary>
    /// What one grant allows its sources on the destination: <see langword="null"/> for nothing (with a diagnostic),
    /// all traffic when it has no HTTP rule, or the HTTP conditions to allow. HTTP rules that select no match and
    /// TCPRoute rules that name no port allow nothing. Port rules must cover every port the destination exposes,
    /// since an intention covers the whole service.
    /// </summary>
    private ConsulAllowance? Allowance(UnitKey unit, AccessGrant grant, IdentityRef destination)
    {
        var tcpPorts = new List<int>();
        var anyTcpRule = false;
        var allTcpPorts = false;
        var anyUdpRule = false;
        var matches = new List<ConsulHttpMatch>();
        var anyHttpRule = false;
        var refused = false;
        for (var i = 0; i < grant.Rules.Length; i++)
        {
            var rule = grant.Rules[i];
            switch (rule.Kind)
            {
                case AccessRuleKind.UdpRoute:
                    anyUdpRule = true;
                    Report(unit, Diagnostic.Warning(
                        ConsulReasons.UdpRouteUnsupported,
                        grant.Source,
                        $"{SpecPath(grant, RulesField(grant))}[{i}]",
                        $"UDPRoute {rule.Name} cannot be expressed: Consul's service mesh does not carry UDP, so this rule allows nothing"));
                    break;
                case AccessRuleKind.TcpRoute:
                    anyTcpRule = true;
                    var route = _snapshot.FindPortRoute(PortProtocol.Tcp, grant.Namespace, rule.Name);
                    if (route is null)
                    {
                        refused = true;
                        Report(unit, Diagnostic.Error(
                            ConsulReasons.RuleMatchesNothing,
                            grant.Source,
                            $"{SpecPath(grant, RulesField(grant))}[{i}]",
                            $"TCPRoute {grant.Namespace}/{rule.Name} is not in the input, so this rule names no port; "
                                + "nothing was allowed. Add the TCPRoute"));
                    }
                    else if (route.AllPorts)
                    {
                        allTcpPorts = true;
                    }
                    else
                    {
                        tcpPorts.AddRange(route.Ports);
                    }

                    break;
                default:
                    anyHttpRule = true;
                    var group = _snapshot.FindRouteGroup(grant.Namespace, rule.Name);
                    var selected = group is null ? [] : rule.Matches.IsDefaultOrEmpty
                        ? group.Matches
                        : [.. rule.Matches.Select(group.FindMatch).OfType<RouteMatch>()];
                    if (selected.IsDefaultOrEmpty)
                    {
                        // HTTP rules with zero matches allow no request; an intention without permissions would
                        // allow the whole service, so the TrafficTarget is refused.
                        refused = true;
                        Report(unit, Diagnostic.Error(
                            ConsulReasons.RuleMatchesNothing,
                            grant.Source,
                            $"{SpecPath(grant, RulesField(grant))}[{i}]",
                            group is null
                                ? $"HTTPRouteGroup {grant.Namespace}/{rule.Name} is not in the input, so this rule "
                                    + "matches no request; nothing was allowed. Add the route group"
                                : $"HTTPRouteGroup {grant.Namespace}/{rule.Name} has none of the matches this rule "
                                    + "selects, so it matches no request; nothing was allowed (an intention without "
                                    + "permissions would allow the whole service). Give the route group matches"));
                    }

                    matches.AddRange(selected.Select(ConsulHttpMatches.From));
                    break;
            }
        }

        if (refused)
        {
            return null;
        }

        if (anyUdpRule && !anyTcpRule)
        {
            // Only UDP ports were allowed; with "port AND route" nothing is left for Consul to allow.
            return null;
        }

        // Without a TCPRoute rule the rules say nothing about ports: only destination.port (access v1alpha1/v1alpha2) can narrow them.
        var everyTcpPort = allTcpPorts || !anyTcpRule;
        var restricted = !everyTcpPort || grant.DestinationPort is not null;
        if (restricted && !CoversEveryPort(destination, everyTcpPort ? null : tcpPorts, grant.DestinationPort, out var exposed))
        {
            var ports = everyTcpPort ? "every port" : $"ports {string.Join(", ", tcpPorts.Distinct().Order())}";
            var exposedText = exposed.Count == 0 ? "unknown ports (add its Services and workloads to the input)" : $"container ports {string.Join(", ", exposed)}";
            Report(unit, Diagnostic.Error(
                ConsulReasons.PortRestrictionUnsupported,
                grant.Source,
                grant.DestinationPort is null ? SpecPath(grant, RulesField(grant)) : SpecPath(grant, "destination.port"),
                $"this TrafficTarget allows {(grant.DestinationPort is null ? ports : everyTcpPort ? $"only destination port {grant.DestinationPort}" : $"{ports} on destination port {grant.DestinationPort}")} while {destination} exposes {exposedText}; a Consul intention covers every port of a service, so allowing would widen access and nothing was allowed. Cover every port, or use a mesh with port-level policy"));
            return null;
        }

        if (!anyHttpRule)
        {
            return ConsulAllowance.Everything;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return ConsulAllowance.OnlyRequests([.. matches.Where(m => seen.Add(ConsulHttpMatches.Key(m)))]);
    }

    /// <summary>Whether the allowed ports reach every container port the destination's workloads expose.</summary>
    private bool CoversEveryPort(IdentityRef destination, List<int>? allowedPorts, int? destinationPort, out SortedSet<int> exposed)
    {
        var workloads = _snapshot.SelectWorkloads(destination).Workloads;
        exposed = [];
        if (workloads.IsDefaultOrEmpty)
        {
            return false;
        }

        foreach (var workload in workloads)
        {
            exposed.UnionWith(workload.ContainerPorts.Where(p => string.Equals(p.Protocol, "TCP", StringComparison.OrdinalIgnoreCase)).Select(p => p.Port));
            foreach (var service in _snapshot.ServicesSelecting(workload))
            {
                foreach (var port in service.Ports.Where(p => !string.Equals(p.Protocol, "UDP", StringComparison.OrdinalIgnoreCase)))
                {
                    exposed.UnionWith(_snapshot.ResolveContainerPorts(workloads, port.Port));
                }
            }
        }

        if (exposed.Count == 0)
        {
            return false;
        }

        var covered = allowedPorts is null ? new SortedSet<int>(exposed) : [.. allowedPorts.SelectMany(p => _snapshot.ResolveContainerPorts(workloads, p))];
        if (destinationPort is { } only)
        {
            covered.IntersectWith(_snapshot.ResolveContainerPorts(workloads, only));
        }

        return exposed.IsSubsetOf(covered);
    }

    /// <summary>
    /// The object name of a destination's ServiceIntentions: the service name, with a hash suffix when that name is
    /// reserved (the mesh-wide <see cref="DefaultDenyName"/>) or looks hashed, so user input never produces it.
    /// </summary>
    private static string IntentionsName(string service) =>
        DistinctNames.IsPlain(service.Replace('.', '-'), DefaultDenyName)
            ? service
            : DistinctNames.WithHash(service, "ServiceIntentions", service);

    /// <summary>A field path in a TrafficTarget; access v1alpha1 has no <c>spec</c> wrapper.</summary>
    private static string SpecPath(AccessGrant grant, string field) => grant.Source.Version == "v1alpha1" ? field : $"spec.{field}";

    /// <summary>The name of the rules field: <c>specs</c> in access v1alpha1, <c>rules</c> later.</summary>
    private static string RulesField(AccessGrant grant) => grant.Source.Version == "v1alpha1" ? "specs" : "rules";

    /// <summary>What one caller of a destination may do, merged over every grant that names it.</summary>
    private sealed class CallerGrant
    {
        private readonly List<ConsulHttpMatch> _allowed = [];
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

        public bool AllTraffic { get; private set; }

        public List<AccessGrant> Grants { get; } = [];

        public void Add(ConsulAllowance allowance, AccessGrant grant)
        {
            Grants.Add(grant);
            if (allowance.AllTraffic)
            {
                AllTraffic = true;
                return;
            }

            foreach (var match in allowance.HttpMatches.Where(m => _keys.Add(ConsulHttpMatches.Key(m))))
            {
                _allowed.Add(match);
            }
        }

        public IntentionSource ToSource(string name, string? ns) => AllTraffic
            ? new IntentionSource { Name = name, Namespace = ns, Action = "allow" }
            : new IntentionSource
            {
                Name = name,
                Namespace = ns,
                Permissions =
                [
                    .. _allowed.Select(m => new IntentionPermission { Action = "allow", Http = m }),
                    new IntentionPermission { Action = "deny", Http = ConsulHttpMatches.Everything() },
                ],
            };
    }
}
