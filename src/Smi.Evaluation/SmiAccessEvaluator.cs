using System.Globalization;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;

namespace Smi.Evaluation;

/// <summary>
/// What the SMI TrafficTargets of a snapshot allow, the reference the mesh evaluators are compared with (SMI
/// traffic-access specification, every version): deny by default, and each TrafficTarget adds an allow. A target
/// applies when its destination identity stands for the called pod and one of its sources for the calling pod (a
/// ServiceAccount: the pods running as it; an IdentityBinding: the pods of its namespace running as its
/// ServiceAccount or carrying its pod labels, and the SPIFFE IDs it lists). Its rules then decide: the v1alpha1 and
/// v1alpha2 <c>destination.port</c>, when set, must be the port; when TCPRoutes or UDPRoutes are listed, one of them
/// must hold the port (a route without ports holds every port of the destination, as <see cref="PortRoute.AllPorts"/>
/// reads the specification's "all ports"; TCP routes carry HTTP too); when HTTPRouteGroups are
/// listed, the request must be HTTP and match one of the named matches (all of a group's matches when none is named).
/// Port rules and route rules are ANDed. A target without rules allows nothing. Ports of routes and of
/// <c>destination.port</c> are read as Service ports resolved to the called pod's own container port (a named
/// <c>targetPort</c> through that pod's ports), or as container ports when no Service of the pod has them.
/// </summary>
public static class SmiAccessEvaluator
{
    /// <summary>Allow or deny one request.</summary>
    /// <param name="snapshot">The SMI input.</param>
    /// <param name="request">The request.</param>
    /// <param name="trustDomain">The trust domain of the pods' SPIFFE IDs.</param>
    /// <returns>
    /// The decision, naming the first TrafficTarget that allows the request and the rules that let it through.
    /// </returns>
    public static AccessDecision Evaluate(
        MeshSnapshot snapshot, AccessRequest request, string trustDomain = "cluster.local")
    {
        var grant = Check(snapshot, request, trustDomain).FirstOrDefault(c => c.Allowed);
        return grant is null
            ? AccessDecision.Deny("no TrafficTarget allows it")
            : AccessDecision.Allow(grant.Name) with { DecidedBy = grant.Name, Rule = grant.Rule };
    }

    /// <summary>The TrafficTargets that allow a request.</summary>
    /// <param name="snapshot">The SMI input.</param>
    /// <param name="request">The request.</param>
    /// <param name="trustDomain">The trust domain of the pods' SPIFFE IDs.</param>
    /// <returns>The allowing grants, in input order.</returns>
    public static IEnumerable<AccessGrant> Granting(
        MeshSnapshot snapshot, AccessRequest request, string trustDomain = "cluster.local") =>
        Check(snapshot, request, trustDomain).Where(c => c.Allowed).Select(c => c.Grant);

    /// <summary>
    /// Every TrafficTarget whose destination and one of whose sources stand for the request's pods, with whether
    /// its rules allow the request and which rule decided: the allowing ones, and the near misses that name the two
    /// pods but whose rules refuse the request.
    /// </summary>
    /// <param name="snapshot">The SMI input.</param>
    /// <param name="request">The request.</param>
    /// <param name="trustDomain">The trust domain of the pods' SPIFFE IDs.</param>
    /// <returns>The checks, in input order.</returns>
    public static IEnumerable<AccessTargetCheck> Check(
        MeshSnapshot snapshot, AccessRequest request, string trustDomain = "cluster.local")
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(request);
        var workload = snapshot.WorkloadsIn(request.Destination.Namespace).FirstOrDefault(w =>
            w.ServiceAccount == request.Destination.ServiceAccount
            && w.PodLabels.Count == request.Destination.Labels.Count
            && request.Destination.HasLabels(w.PodLabels));
        return snapshot.AccessGrants
            .Where(g => StandsFor(snapshot, g.Destination, request.Destination, trustDomain)
                && g.Sources.Any(s => StandsFor(snapshot, s, request.Source, trustDomain)))
            .Select(g =>
            {
                var (allowed, rule) = RulesAllow(snapshot, g, workload, request);
                return new AccessTargetCheck(g, allowed, rule);
            });
    }

    private static bool StandsFor(MeshSnapshot snapshot, IdentityRef identity, AccessPod pod, string trustDomain)
    {
        if (identity.Kind == IdentityKind.ServiceAccount)
        {
            return identity.Namespace == pod.Namespace && identity.Name == pod.ServiceAccount;
        }

        if (snapshot.FindIdentityBinding(identity.Namespace, identity.Name) is not { } binding)
        {
            return false;
        }

        return (binding.Namespace == pod.Namespace
                && ((binding.ServiceAccount is { } account && account == pod.ServiceAccount)
                    || (binding.PodLabels is { Count: > 0 } labels && pod.HasLabels(labels))))
            || binding.SpiffeIdentities.Contains($"spiffe://{trustDomain}/ns/{pod.Namespace}/sa/{pod.ServiceAccount}");
    }

    /// <summary>Whether the grant's rules allow the request, and the rules that did or why none did.</summary>
    private static (bool Allowed, string Rule) RulesAllow(
        MeshSnapshot snapshot, AccessGrant grant, WorkloadInfo? workload, AccessRequest request)
    {
        if (grant.Rules.IsDefaultOrEmpty)
        {
            return (false, "it has no rules");
        }

        var port = request.Port.ToString(CultureInfo.InvariantCulture);
        if (grant.DestinationPort is { } only && !Holds(snapshot, workload, only, request.Port))
        {
            return (false, FormattableString.Invariant($"destination.port {only} is not port {port}"));
        }

        var portRules = grant.Rules.Where(r => r.Kind != AccessRuleKind.HttpRouteGroup).ToList();
        var routeRules = grant.Rules.Where(r => r.Kind == AccessRuleKind.HttpRouteGroup).ToList();
        var portRule = portRules.FirstOrDefault(rule =>
        {
            var protocol = rule.Kind == AccessRuleKind.UdpRoute ? PortProtocol.Udp : PortProtocol.Tcp;
            return (request.Protocol == AccessProtocol.Udp) == (protocol == PortProtocol.Udp)
                && snapshot.FindPortRoute(protocol, grant.Namespace, rule.Name) is { } route
                && (route.AllPorts || route.Ports.Any(p => Holds(snapshot, workload, p, request.Port)));
        });
        if (portRules.Count > 0 && portRule is null)
        {
            var names = string.Join(", ", portRules.Select(r => $"{KindName(r.Kind)} {r.Name}"));
            return (false, $"none of {names} holds {request.Protocol.ToString().ToUpperInvariant()} port {port}");
        }

        var passed = new List<string>();
        if (grant.DestinationPort is { } destinationPort)
        {
            passed.Add(FormattableString.Invariant($"destination.port {destinationPort}"));
        }

        if (routeRules.Count > 0)
        {
            if (!request.IsHttp)
            {
                return (false, $"{request.Protocol.ToString().ToUpperInvariant()} traffic matches no HTTPRouteGroup "
                    + $"rule ({string.Join(", ", routeRules.Select(r => r.Name))})");
            }

            var misses = new List<string>();
            string? matched = null;
            foreach (var rule in routeRules)
            {
                if (snapshot.FindRouteGroup(grant.Namespace, rule.Name) is not { } group)
                {
                    misses.Add($"HTTPRouteGroup {rule.Name} is not in the input");
                    continue;
                }

                foreach (var match in group.Matches
                    .Where(m => rule.Matches.IsDefaultOrEmpty || rule.Matches.Contains(m.Name)))
                {
                    if (Miss(match, request.Request) is { } miss)
                    {
                        misses.Add($"HTTPRouteGroup {rule.Name} match {match.Name}: {miss}");
                    }
                    else
                    {
                        matched = $"HTTPRouteGroup {rule.Name} match {match.Name}";
                        break;
                    }
                }

                if (matched is not null)
                {
                    break;
                }
            }

            if (matched is null)
            {
                return (false, misses.Count == 0 ? "its HTTPRouteGroups have no matches" : string.Join("; ", misses));
            }

            passed.Add(matched);
        }

        if (portRule is not null)
        {
            passed.Add($"{KindName(portRule.Kind)} {portRule.Name}");
        }

        return (true, string.Join(", ", passed));
    }

    /// <summary>The first condition of a match that the request fails, or null when the match accepts it.</summary>
    private static string? Miss(RouteMatch match, MeshRequest request)
    {
        if (!match.AnyPath && !FullMatch.IsMatchFromStart(match.PathRegex!, request.Path))
        {
            return $"path {request.Path} does not match pathRegex {match.PathRegex}";
        }

        if (!match.AnyMethod && !match.Methods.Contains(request.Method))
        {
            return $"method {request.Method} is not one of {string.Join(", ", match.Methods)}";
        }

        foreach (var header in match.Headers.IsDefault ? [] : match.Headers)
        {
            if (request.Header(header.Name) is not { } value)
            {
                return $"header {header.Name} is missing";
            }

            if (!FullMatch.IsMatch(header.ValueRegex, value))
            {
                return $"header {header.Name} value \"{value}\" does not match \"{header.ValueRegex}\"";
            }
        }

        return null;
    }

    private static string KindName(AccessRuleKind kind) => kind switch
    {
        AccessRuleKind.HttpRouteGroup => "HTTPRouteGroup",
        AccessRuleKind.TcpRoute => "TCPRoute",
        _ => "UDPRoute",
    };

    /// <summary>Whether an SMI port stands for the pod's container port.</summary>
    private static bool Holds(MeshSnapshot snapshot, WorkloadInfo? workload, int smiPort, int containerPort) =>
        workload is null
            ? smiPort == containerPort
            : snapshot.ResolveContainerPorts([workload], smiPort).Contains(containerPort);
}
