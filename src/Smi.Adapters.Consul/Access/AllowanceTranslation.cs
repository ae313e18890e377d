using Smi.Abstractions.Access;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;
using Smi.Adapters.Consul.Resources;

namespace Smi.Adapters.Consul.Access;

/// <summary>
/// What one grant allows its sources on a destination service, as an intention can say it: all traffic, or HTTP
/// requests as L7 permissions. An intention covers every port of a service and has no UDP
/// (https://developer.hashicorp.com/consul/docs/connect/config-entries/service-intentions#sources), so port rules
/// must cover every port the destination exposes.
/// </summary>
internal sealed class AllowanceTranslation(ConsulTranslationContext context)
{
    /// <summary>
    /// What one grant allows its sources on the destination: <see langword="null"/> for nothing (with a diagnostic),
    /// all traffic when it has no HTTP rule, or the HTTP conditions to allow. HTTP rules that select no match and
    /// TCPRoute rules that name no port allow nothing. Port rules must cover every port the destination exposes,
    /// since an intention covers the whole service.
    /// </summary>
    /// <param name="unit">The unit.</param>
    /// <param name="destination">The destination.</param>
    /// <param name="resolved">The grant.</param>
    /// <param name="account">The destination's ServiceAccount, for messages.</param>
    /// <returns>The allowance, or <see langword="null"/>.</returns>
    public ConsulAllowance? Of(
        UnitKey unit, ResolvedDestination destination, ResolvedGrant resolved, IdentityRef account)
    {
        var grant = resolved.Grant;
        var rulesPath = TrafficTargetFields.RulesPath(grant);
        var refused = false;
        foreach (var rule in resolved.PortRules)
        {
            if (rule.IsUdp)
            {
                context.Report(unit, Diagnostic.Warning(
                    SmiReasons.UdpRouteUnsupported,
                    grant.Source,
                    $"{rulesPath}[{rule.Index}]",
                    $"UDPRoute {rule.Rule.Name} cannot be expressed: Consul's service mesh does not carry UDP, "
                    + "so this rule allows nothing"));
            }
            else if (rule.Route is null)
            {
                refused = true;
                context.Report(unit, Diagnostic.Error(
                    SmiReasons.RuleMatchesNothing,
                    grant.Source,
                    $"{rulesPath}[{rule.Index}]",
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
                context.Report(unit, Diagnostic.Error(
                    SmiReasons.RuleMatchesNothing,
                    grant.Source,
                    $"{rulesPath}[{httpRule.Index}]",
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

        if (!resolved.EveryPort && !CoversEveryPort(destination, resolved, out var exposed))
        {
            ReportPortRestriction(unit, destination, resolved, account, exposed);
            return null;
        }

        if (!resolved.HasHttpRule)
        {
            return ConsulAllowance.Everything;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return ConsulAllowance.OnlyRequests([.. matches.Where(m => seen.Add(ConsulHttpMatches.Key(m)))]);
    }

    /// <summary>Reports a grant whose ports cover less than the destination exposes.</summary>
    private void ReportPortRestriction(
        UnitKey unit,
        ResolvedDestination destination,
        ResolvedGrant resolved,
        IdentityRef account,
        SortedSet<int> exposed)
    {
        var grant = resolved.Grant;
        if (resolved.PortsDifferByWorkload && exposed.Count > 0)
        {
            // One intention covers every workload of the service alike; per-workload ports cannot be told apart.
            context.Report(
                unit, AccessRefusals.PortsDifferByWorkload(destination, resolved, ConsulTranslator.MeshTitle));
            return;
        }

        // Without a TCPRoute rule the rules say nothing about ports: only destination.port (access
        // v1alpha1/v1alpha2) can narrow them.
        var everyTcpPort = resolved.EveryTcpPortByRules;
        var tcpPorts = resolved.PortRules
            .Where(r => !r.IsUdp && r.Route is not null)
            .SelectMany(r => r.Route!.Ports);
        var ports = everyTcpPort ? "every port" : $"ports {string.Join(", ", tcpPorts.Distinct().Order())}";
        var exposedText = exposed.Count == 0
            ? "unknown ports (add its Services and workloads to the input)"
            : $"container ports {string.Join(", ", exposed)}";
        var allowed = grant.DestinationPort is null ? ports
            : everyTcpPort ? $"only destination port {grant.DestinationPort}"
            : $"{ports} on destination port {grant.DestinationPort}";
        context.Report(unit, Diagnostic.Error(
            ConsulReasons.PortRestrictionUnsupported,
            grant.Source,
            grant.DestinationPort is null
                ? TrafficTargetFields.RulesPath(grant)
                : TrafficTargetFields.SpecPath(grant, "destination.port"),
            $"this TrafficTarget allows {allowed} while {account} exposes {exposedText}; "
            + "a Consul intention covers every port of a service, so allowing would widen access and nothing "
            + "was allowed. Cover every port, or use a mesh with port-level policy"));
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
}
