using Smi.Abstractions.Access;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;
using Smi.Adapters.Consul.Services;

namespace Smi.Adapters.Consul.Access;

/// <summary>
/// Whether a grant allows, on every workload registering under a Consul service, the service port consul-k8s
/// registers those pods with (<see cref="ConsulServicePort"/>): the transparent proxy forwards every inbound
/// connection it allows to that port (https://developer.hashicorp.com/consul/docs/connect/transparent-proxy), so a
/// grant without it is refused (allowing would open a port SMI denies). The other ports a grant allows are never
/// reached; a warning says which.
/// </summary>
internal sealed class ServicePortCheck(ConsulTranslationContext context)
{
    /// <summary>Checks a grant on one Consul service of the destination.</summary>
    /// <param name="unit">The unit.</param>
    /// <param name="resolved">The grant.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="account">The destination's ServiceAccount.</param>
    /// <param name="name">The Consul service name.</param>
    /// <returns>Whether the grant may be written as an intention.</returns>
    public bool Allows(UnitKey unit, ResolvedGrant resolved, string ns, string account, string name)
    {
        var grant = resolved.Grant;
        var registering = context.ServiceNames.WorkloadsOf(ns, account, name).Select(w => w.Ref).ToHashSet();
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
                context.Report(unit, Diagnostic.Error(
                    ConsulReasons.ConsulServicePortOnly,
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
            context.Report(unit, Diagnostic.Warning(
                ConsulReasons.ConsulServicePortOnly,
                grant.Source,
                resolved.RulesField,
                "consul-k8s registers a pod with one service port and its transparent proxy forwards every inbound "
                    + $"connection to that port, so Consul allows less than this TrafficTarget: "
                    + $"{string.Join("; ", narrowed)}. Give each port its own Consul service, or use a mesh with "
                    + "port-level policy"));
        }

        return true;
    }
}
