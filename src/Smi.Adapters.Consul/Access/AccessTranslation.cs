using Smi.Abstractions.Access;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;
using Smi.Adapters.Consul.Resources;
using Smi.Adapters.Consul.Services;

namespace Smi.Adapters.Consul.Access;

/// <summary>
/// TrafficTargets: one ServiceIntentions per destination Consul service, every TrafficTarget on it merged, naming the
/// callers' Consul services (https://developer.hashicorp.com/consul/docs/connect/config-entries/service-intentions).
/// Intentions name services, not service accounts: the names come from the pods of each ServiceAccount
/// (<see cref="ServiceNameReporting"/>).
/// </summary>
internal sealed class AccessTranslation
{
    private readonly ConsulTranslationContext _context;
    private readonly ServiceNameReporting _serviceNames;
    private readonly AllowanceTranslation _allowances;
    private readonly ServicePortCheck _servicePorts;
    private readonly WholeConnectionWarnings _wholeConnections;

    public AccessTranslation(ConsulTranslationContext context)
    {
        _context = context;
        _serviceNames = new ServiceNameReporting(context);
        _allowances = new AllowanceTranslation(context);
        _servicePorts = new ServicePortCheck(context);
        _wholeConnections = new WholeConnectionWarnings(context);
    }

    /// <summary>
    /// Translates every access grant, one destination identity at a time. Splits must be translated first: the
    /// ServiceDefaults they ask for set the protocol of the services they touch.
    /// </summary>
    public void TranslateAll()
    {
        foreach (var destination in _context.Snapshot.Access.Destinations)
        {
            TranslateIdentity(destination);
        }

        _wholeConnections.Report();
    }

    private void TranslateIdentity(ResolvedDestination destination)
    {
        var grants = destination.Grants;
        var identity = destination.Identity;
        var unit = destination.Unit;
        var accounts = destination.ServiceAccounts;
        if (destination.SpiffeIdentities.Length > 0)
        {
            foreach (var grant in grants)
            {
                _context.Report(unit, Diagnostic.Warning(
                    SmiReasons.SpiffeIdentityUnsupported,
                    grant.Grant.Source,
                    grant.SpecPath("destination"),
                    $"the SPIFFE identities of {identity} have no Consul service name; only its service accounts "
                        + "are protected"));
            }
        }

        if (accounts.IsDefaultOrEmpty)
        {
            foreach (var grant in grants)
            {
                _context.Report(unit, Diagnostic.Error(
                    SmiReasons.IdentityNotResolved,
                    grant.Grant.Source,
                    grant.SpecPath("destination"),
                    $"{identity} stands for no service account, so there is no Consul service to protect; bind it to "
                        + "a service account"));
            }

            return;
        }

        if (destination.NarrowerThanServiceAccounts)
        {
            // An intention protects a whole service; it cannot select the binding's pods among the account's.
            foreach (var grant in grants)
            {
                var refusal = AccessRefusals.DestinationPodSubset(destination, grant, ConsulTranslator.MeshTitle);
                _context.Report(unit, refusal);
            }

            return;
        }

        var uses = grants.Select(g => (g.Grant, g.SpecPath("destination"))).ToList();
        foreach (var (ns, account) in accounts)
        {
            foreach (var name in _serviceNames.NamesOf(unit, uses, ns, account))
            {
                TranslateDestination(unit, ns, account, name, destination);
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
            collided |= _context.ReportCollision(
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
                subsets.ForEach(s => _context.Report(
                    unit, AccessRefusals.SourcePodSubset(resolved, s, ConsulTranslator.MeshTitle)));
                continue;
            }

            var allowance = _allowances.Of(
                unit, destination, resolved, new IdentityRef(IdentityKind.ServiceAccount, account, ns));
            if (allowance is null)
            {
                continue;
            }

            if (!allowance.AllTraffic && !ServiceProtocols.IsHttpFamily(protocol))
            {
                _context.Report(unit, Diagnostic.Error(
                    ConsulReasons.L7RulesNeedHttp,
                    grant.Source,
                    TrafficTargetFields.RulesPath(grant),
                    $"destination {name} has protocol {protocol}, and Consul checks HTTP routes only for http, http2 "
                        + "and grpc services; this TrafficTarget allows nothing. Set appProtocol: http on the Service "
                        + "ports if the traffic is HTTP"));
                continue;
            }

            if (!allowance.AllTraffic && !told)
            {
                _context.Report(unit, Diagnostic.Warning(
                    ConsulReasons.ConsulProtocolUnknown,
                    grant.Source,
                    TrafficTargetFields.SpecPath(grant, "destination"),
                    $"no Service in the input selects the pods of Consul service {ns}/{name}, so its protocol cannot "
                        + "be told; the HTTP rules were written with protocol http, under which Consul lets only HTTP "
                        + "requests through. Add the Service that selects the pods, with appProtocol on its ports"));
            }

            if (!_servicePorts.Allows(unit, resolved, ns, account, name))
            {
                continue;
            }

            if (allowance.AllTraffic)
            {
                _wholeConnections.Record(ns, name, unit, grant);
            }

            AddCallers(unit, resolved, allowance, callers);
        }

        if (callers.Count == 0)
        {
            return;
        }

        var mirrored = _context.Mirrored;
        var sources = callers.Values.SelectMany(c => c.Grants).Select(g => g.Source).Distinct().ToList();
        var intentions = new ServiceIntentions
        {
            Spec = new ServiceIntentionsSpec
            {
                Destination = new IntentionDestination { Name = name, Namespace = mirrored ? ns : null },
                Sources = [.. callers.Select(c => c.Value.ToSource(c.Key.Name, mirrored ? c.Key.Namespace : null))],
            },
        };
        _context.Output.Add(unit, intentions, IntentionNames.ForDestination(name), ns, sources);
        if (callers.Values.Any(c => !c.AllTraffic))
        {
            _context.Defaults.Add(unit, ns, name, protocol, sources);
        }
    }

    /// <summary>Adds what a grant allows to the callers its sources stand for, by Consul service name.</summary>
    private void AddCallers(
        UnitKey unit,
        ResolvedGrant resolved,
        ConsulAllowance allowance,
        SortedDictionary<(string Name, string Namespace), CallerGrant> callers)
    {
        var grant = resolved.Grant;
        foreach (var resolvedSource in resolved.Sources)
        {
            var (i, source) = (resolvedSource.Index, resolvedSource.Identity);
            var field = $"{TrafficTargetFields.SpecPath(grant, "sources")}[{i}]";
            if (resolvedSource.SpiffeIdentities.Length > 0)
            {
                _context.Report(unit, Diagnostic.Warning(
                    SmiReasons.SpiffeIdentityUnsupported,
                    grant.Source,
                    field,
                    $"the SPIFFE identities of {source} have no Consul service name and are not allowed in; only its "
                        + "service accounts are"));
            }

            var sourceAccounts = resolvedSource.ServiceAccounts;
            if (sourceAccounts.IsDefaultOrEmpty)
            {
                _context.Report(unit, Diagnostic.Warning(
                    SmiReasons.IdentityNotResolved,
                    grant.Source,
                    field,
                    $"{source} stands for no service account, so no Consul service is allowed in for it; bind it to "
                        + "a service account"));
            }

            var sourceNames = sourceAccounts.SelectMany(a => _serviceNames.NamesOf(
                unit, [(grant, field)], a.Namespace, a.Name)
                .Select(name => (a.Namespace, name)));
            foreach (var (sourceNamespace, sourceName) in sourceNames)
            {
                if (_context.ReportCollision(
                    unit,
                    grant.Source,
                    $"{field}.name",
                    sourceNamespace,
                    sourceName,
                    "allowing it would also allow the other namespaces' workloads; it was not allowed"))
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

    /// <summary>
    /// The Consul protocol of a destination service: that of the ServiceDefaults this translation already writes for
    /// it, else from the ports (<c>appProtocol</c>, names) of the Services that select the pods registering under
    /// the name (consul-k8s registers a pod through the Service that selects it, whatever its annotated name), or of
    /// the Service of that name when no workload of it is in the input. When no Service selects its pods, the
    /// protocol cannot be told (<c>Told</c> is <see langword="false"/>) and <c>http</c> is assumed.
    /// </summary>
    private (string Protocol, bool Told) ProtocolOf(string ns, string account, string name)
    {
        if (_context.Defaults.ProtocolOf(ns, name) is { } requested)
        {
            return (requested, true);
        }

        var snapshot = _context.Snapshot;
        var workloads = _context.ServiceNames.WorkloadsOf(ns, account, name).ToList();
        if (workloads.Count == 0)
        {
            return (ServiceProtocols.Of(snapshot.FindService(ns, name)), true);
        }

        var services = workloads.SelectMany(snapshot.ServicesSelecting).DistinctBy(s => s.Ref).ToList();
        return services.Count > 0 ? (ServiceProtocols.Of(services), true) : (ServiceProtocols.Http, false);
    }
}
