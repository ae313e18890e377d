using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;
using Smi.Adapters.Consul.Services;

namespace Smi.Adapters.Consul.Access;

/// <summary>
/// The grants that allow whole connections to a Consul service, warned once every ServiceDefaults is known when that
/// service gets an HTTP-family protocol: Consul's HTTP listener lets only HTTP through
/// (https://developer.hashicorp.com/consul/docs/connect/config-entries/service-defaults#protocol).
/// </summary>
internal sealed class WholeConnectionWarnings(ConsulTranslationContext context)
{
    private readonly SortedDictionary<(string Namespace, string Name), List<(UnitKey Unit, AccessGrant Grant)>>
        _grants = [];

    /// <summary>Notes a grant that allows whole connections to a Consul service.</summary>
    /// <param name="ns">The Kubernetes namespace.</param>
    /// <param name="name">The Consul service name.</param>
    /// <param name="unit">The grant's unit.</param>
    /// <param name="grant">The grant.</param>
    public void Record(string ns, string name, UnitKey unit, AccessGrant grant)
    {
        if (!_grants.TryGetValue((ns, name), out var grants))
        {
            grants = [];
            _grants[(ns, name)] = grants;
        }

        grants.Add((unit, grant));
    }

    /// <summary>
    /// Warns every grant noted for a service whose ServiceDefaults this translation writes with an HTTP-family
    /// protocol.
    /// </summary>
    public void Report()
    {
        foreach (var ((ns, name), grants) in _grants)
        {
            if (context.Defaults.ProtocolOf(ns, name) is not { } protocol || !ServiceProtocols.IsHttpFamily(protocol))
            {
                continue;
            }

            foreach (var (unit, grant) in grants.DistinctBy(g => g.Grant.Source))
            {
                context.Report(unit, Diagnostic.Warning(
                    ConsulReasons.ConsulConnectionsNeedHttp,
                    grant.Source,
                    TrafficTargetFields.RulesPath(grant),
                    $"this TrafficTarget allows whole connections to Consul service {ns}/{name}, whose ServiceDefaults "
                        + $"protocol is {protocol} (for HTTP rules or splits on it); Consul's HTTP listener "
                        + "refuses connections that do not speak HTTP, so only HTTP gets through"));
            }
        }
    }
}
