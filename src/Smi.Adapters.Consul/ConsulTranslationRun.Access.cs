using Smi.Abstractions.Access;
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
        foreach (var destination in _snapshot.Access.Destinations)
        {
            var grants = destination.Grants;
            var identity = destination.Identity;
            var unit = destination.Unit;
            var accounts = destination.ServiceAccounts;
            if (destination.SpiffeIdentities.Length > 0)
            {
                foreach (var grant in grants)
                {
                    Report(unit, Diagnostic.Warning(
                        ConsulReasons.SpiffeIdentityUnsupported,
                        grant.Grant.Source,
                        grant.SpecPath("destination"),
                        $"the SPIFFE identities of {identity} have no Consul service name; only its service accounts are protected"));
                }
            }

            if (accounts.IsDefaultOrEmpty)
            {
                foreach (var grant in grants)
                {
                    Report(unit, Diagnostic.Error(
                        ConsulReasons.IdentityNotResolved,
                        grant.Grant.Source,
                        grant.SpecPath("destination"),
                        $"{identity} stands for no service account, so there is no Consul service to protect; bind it to a service account"));
                }

                continue;
            }

            if (destination.NarrowerThanServiceAccounts)
            {
                // An intention protects a whole service; it cannot select the binding's pods among the account's.
                foreach (var grant in grants)
                {
                    Report(unit, AccessRefusals.DestinationPodSubset(destination, grant, "Consul"));
                }

                continue;
            }

            var uses = grants.Select(g => (g.Grant, g.SpecPath("destination"))).ToList();
            foreach (var (ns, account) in accounts)
            {
                foreach (var name in ServiceNamesOf(unit, uses, ns, account))
                {
                    TranslateDestination(unit, ns, account, name, destination);
                }
            }
        }
    }

    private void TranslateDestination(
        UnitKey unit, string ns, string account, string name, ResolvedDestination destination)
    {
        var grants = destination.Grants;
        var collided = false;
        foreach (var grant in grants)
        {
            collided |= ReportCollision(
                unit,
                grant.Grant.Source,
                grant.SpecPath("destination.name"),
                ns,
                name,
                "no intentions were written for it and none of this TrafficTarget's allows apply");
        }

        if (collided)
        {
            return;
        }

        var (protocol, told) = ProtocolOf(ns, account, name);
        var callers = new SortedDictionary<(string Name, string Namespace), CallerGrant>();
        foreach (var resolved in grants)
        {
            var grant = resolved.Grant;
            var subsets = resolved.PodSubsetSources.ToList();
            if (subsets.Count > 0)
            {
                // Intention sources name whole services; a pod subset of one cannot be told apart.
                subsets.ForEach(s => Report(unit, AccessRefusals.SourcePodSubset(resolved, s, "Consul")));
                continue;
            }

            var allowance = Allowance(
                unit, destination, resolved, new IdentityRef(IdentityKind.ServiceAccount, account, ns));
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

            if (!allowance.AllTraffic && !told)
            {
                Report(unit, Diagnostic.Warning(
                    ConsulReasons.ProtocolUnknown,
                    grant.Source,
                    SpecPath(grant, "destination"),
                    $"no Service in the input selects the pods of Consul service {ns}/{name}, so its protocol cannot "
                        + "be told; the HTTP rules were written with protocol http, under which Consul lets only HTTP "
                        + "requests through. Add the Service that selects the pods, with appProtocol on its ports"));
            }

            if (!ServicePortAllowed(unit, resolved, ns, account, name))
            {
                continue;
            }

            if (allowance.AllTraffic)
            {
                RecordWholeConnections(ns, name, unit, grant);
            }

            foreach (var resolvedSource in resolved.Sources)
            {
                var (i, source) = (resolvedSource.Index, resolvedSource.Identity);
                if (resolvedSource.SpiffeIdentities.Length > 0)
                {
                    Report(unit, Diagnostic.Warning(
                        ConsulReasons.SpiffeIdentityUnsupported,
                        grant.Source,
                        $"{SpecPath(grant, "sources")}[{i}]",
                        $"the SPIFFE identities of {source} have no Consul service name and are not allowed in; only its service accounts are"));
                }

                var sourceAccounts = resolvedSource.ServiceAccounts;
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
    /// The Consul protocol of a destination service: that of the ServiceDefaults this translation already writes for
    /// it, else from the ports (<c>appProtocol</c>, names) of the Services that select the pods registering under
    /// the name (consul-k8s registers a pod through the Service that selects it, whatever its annotated name), or of
    /// the Service of that name when no workload of it is in the input. When no Service selects its pods, the
    /// protocol cannot be told (<c>Told</c> is <see langword="false"/>) and <c>http</c> is assumed.
    /// </summary>
    private (string Protocol, bool Told) ProtocolOf(string ns, string account, string name)
    {
        if (_defaults.TryGetValue((ns, name), out var requested))
        {
            return (requested.Protocol, true);
        }

        var workloads = _serviceNames.WorkloadsOf(ns, account, name).ToList();
        if (workloads.Count == 0)
        {
            return (ServiceProtocols.Of(_snapshot.FindService(ns, name)), true);
        }

        var services = workloads.SelectMany(_snapshot.ServicesSelecting).DistinctBy(s => s.Ref).ToList();
        return services.Count > 0 ? (ServiceProtocols.Of(services), true) : (ServiceProtocols.Http, false);
    }

    /// <summary>
    /// Whether a grant allows, on every workload registering under the Consul service, the service port consul-k8s
    /// registers those pods with (<see cref="ConsulServicePort"/>): the transparent proxy forwards every inbound
    /// connection it allows to that port, so a grant without it is refused (allowing would open a port SMI denies).
    /// The other ports a grant allows are never reached; a warning says which.
    /// </summary>
    private bool ServicePortAllowed(UnitKey unit, ResolvedGrant resolved, string ns, string account, string name)
    {
        var grant = resolved.Grant;
        var registering = _serviceNames.WorkloadsOf(ns, account, name).Select(w => w.Ref).ToHashSet();
        var narrowed = new List<string>();
        foreach (var ports in resolved.Ports.Where(p => registering.Contains(p.Workload.Ref)))
        {
            var workload = $"{ports.Workload.Ref.Kind} {ns}/{ports.Workload.Ref.Name}";
            if (ConsulServicePort.Of(ports.Workload) is not { } port)
            {
                continue;
            }

            var every = resolved.EveryPort || ports.EveryPort;
            if (!every && !ports.Ports.Contains(port))
            {
                Report(unit, Diagnostic.Error(
                    ConsulReasons.ServicePortOnly,
                    grant.Source,
                    resolved.RulesField,
                    $"the pods of {workload} register in Consul with service port {port}, and their transparent "
                        + "proxy forwards every inbound connection it allows to that port; this TrafficTarget does "
                        + $"not allow port {port} there, so allowing its sources would widen access and nothing was "
                        + $"allowed. Allow port {port}, or set {ConsulServicePort.Annotation} to a port it allows"));
                return false;
            }

            var others = ports.Ports.Where(p => p != port).ToList();
            if (every || others.Count > 0)
            {
                var lost = every ? "any other port"
                    : $"{(others.Count == 1 ? "port" : "ports")} {string.Join(", ", others)}";
                narrowed.Add($"{workload} is reached on service port {port} only, not on {lost}");
            }
        }

        if (narrowed.Count > 0)
        {
            Report(unit, Diagnostic.Warning(
                ConsulReasons.ServicePortOnly,
                grant.Source,
                resolved.RulesField,
                "consul-k8s registers a pod with one service port and its transparent proxy forwards every inbound "
                    + $"connection to that port, so Consul allows less than this TrafficTarget: "
                    + $"{string.Join("; ", narrowed)}. Give each port its own Consul service, or use a mesh with "
                    + "port-level policy"));
        }

        return true;
    }

    /// <summary>
    /// Notes a grant that allows whole connections to a Consul service, for <see cref="ReportWholeConnections"/>.
    /// </summary>
    private void RecordWholeConnections(string ns, string name, UnitKey unit, AccessGrant grant)
    {
        if (!_wholeConnections.TryGetValue((ns, name), out var grants))
        {
            grants = [];
            _wholeConnections[(ns, name)] = grants;
        }

        grants.Add((unit, grant));
    }

    /// <summary>
    /// Warns every grant that allows whole connections to a service whose ServiceDefaults this translation writes
    /// with an HTTP-family protocol: Consul's HTTP listener lets only HTTP through, so other connections are refused.
    /// </summary>
    private void ReportWholeConnections()
    {
        foreach (var ((ns, name), grants) in _wholeConnections)
        {
            if (!_defaults.TryGetValue((ns, name), out var defaults)
                || !ServiceProtocols.IsHttpFamily(defaults.Protocol))
            {
                continue;
            }

            foreach (var (unit, grant) in grants.DistinctBy(g => g.Grant.Source))
            {
                Report(unit, Diagnostic.Warning(
                    ConsulReasons.ConnectionsNeedHttp,
                    grant.Source,
                    SpecPath(grant, RulesField(grant)),
                    $"this TrafficTarget allows whole connections to Consul service {ns}/{name}, whose ServiceDefaults "
                        + $"protocol is {defaults.Protocol} (for HTTP rules or splits on it); Consul's HTTP listener "
                        + "refuses connections that do not speak HTTP, so only HTTP gets through"));
            }
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
    private ConsulAllowance? Allowance(
        UnitKey unit, ResolvedDestination destination, ResolvedGrant resolved, IdentityRef account)
    {
        var grant = resolved.Grant;
        var refused = false;
        foreach (var rule in resolved.PortRules)
        {
            if (rule.IsUdp)
            {
                Report(unit, Diagnostic.Warning(
                    ConsulReasons.UdpRouteUnsupported,
                    grant.Source,
                    $"{SpecPath(grant, RulesField(grant))}[{rule.Index}]",
                    $"UDPRoute {rule.Rule.Name} cannot be expressed: Consul's service mesh does not carry UDP, "
                    + "so this rule allows nothing"));
            }
            else if (rule.Route is null)
            {
                refused = true;
                Report(unit, Diagnostic.Error(
                    ConsulReasons.RuleMatchesNothing,
                    grant.Source,
                    $"{SpecPath(grant, RulesField(grant))}[{rule.Index}]",
                    $"TCPRoute {grant.Namespace}/{rule.Rule.Name} is not in the input, so this rule names no port; "
                        + "nothing was allowed. Add the TCPRoute"));
            }
        }

        var matches = new List<ConsulHttpMatch>();
        foreach (var httpRule in resolved.HttpRules)
        {
            if (httpRule.MatchesNothing)
            {
                // HTTP rules with zero matches allow no request; an intention without permissions would
                // allow the whole service, so the TrafficTarget is refused.
                refused = true;
                Report(unit, Diagnostic.Error(
                    ConsulReasons.RuleMatchesNothing,
                    grant.Source,
                    $"{SpecPath(grant, RulesField(grant))}[{httpRule.Index}]",
                    httpRule.Group is null
                        ? $"HTTPRouteGroup {grant.Namespace}/{httpRule.Rule.Name} is not in the input, so this rule "
                            + "matches no request; nothing was allowed. Add the route group"
                        : $"HTTPRouteGroup {grant.Namespace}/{httpRule.Rule.Name} has none of the matches this rule "
                            + "selects, so it matches no request; nothing was allowed (an intention without "
                            + "permissions would allow the whole service). Give the route group matches"));
            }

            matches.AddRange(httpRule.Matches.Select(ConsulHttpMatches.From));
        }

        if (refused)
        {
            return null;
        }

        if (resolved.HasUdpRule && !resolved.HasTcpRule)
        {
            // Only UDP ports were allowed; with "port AND route" nothing is left for Consul to allow.
            return null;
        }

        // Without a TCPRoute rule the rules say nothing about ports: only destination.port (access v1alpha1/v1alpha2) can narrow them.
        var everyTcpPort = resolved.EveryTcpPortByRules;
        if (!resolved.EveryPort && !CoversEveryPort(destination, resolved, out var exposed))
        {
            if (resolved.PortsDifferByWorkload && exposed.Count > 0)
            {
                // One intention covers every workload of the service alike; per-workload ports cannot be told apart.
                Report(unit, AccessRefusals.PortsDifferByWorkload(destination, resolved, "Consul"));
                return null;
            }

            var tcpPorts = resolved.PortRules
                .Where(r => !r.IsUdp && r.Route is not null)
                .SelectMany(r => r.Route!.Ports);
            var ports = everyTcpPort ? "every port" : $"ports {string.Join(", ", tcpPorts.Distinct().Order())}";
            var exposedText = exposed.Count == 0 ? "unknown ports (add its Services and workloads to the input)" : $"container ports {string.Join(", ", exposed)}";
            var allowed = grant.DestinationPort is null ? ports
                : everyTcpPort ? $"only destination port {grant.DestinationPort}"
                : $"{ports} on destination port {grant.DestinationPort}";
            Report(unit, Diagnostic.Error(
                ConsulReasons.PortRestrictionUnsupported,
                grant.Source,
                grant.DestinationPort is null ? SpecPath(grant, RulesField(grant)) : SpecPath(grant, "destination.port"),
                $"this TrafficTarget allows {allowed} while {account} exposes {exposedText}; "
                + "a Consul intention covers every port of a service, so allowing would widen access and nothing "
                + "was allowed. Cover every port, or use a mesh with port-level policy"));
            return null;
        }

        if (!resolved.HasHttpRule)
        {
            return ConsulAllowance.Everything;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return ConsulAllowance.OnlyRequests([.. matches.Where(m => seen.Add(ConsulHttpMatches.Key(m)))]);
    }

    /// <summary>
    /// Whether the grant allows, on each workload of the destination, every TCP container port that workload
    /// exposes; <paramref name="exposed"/> is what they expose together.
    /// </summary>
    private static bool CoversEveryPort(
        ResolvedDestination destination, ResolvedGrant grant, out SortedSet<int> exposed)
    {
        exposed = [.. destination.ExposedTcpPorts.SelectMany(p => p.Ports)];
        return exposed.Count > 0
            && grant.Ports.Zip(destination.ExposedTcpPorts)
                .All(p => p.First.EveryPort || p.Second.Ports.All(p.First.Ports.Contains));
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
