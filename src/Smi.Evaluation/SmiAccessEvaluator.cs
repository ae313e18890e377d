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
    /// <returns>The decision, naming the first TrafficTarget that allows the request.</returns>
    public static AccessDecision Evaluate(
        MeshSnapshot snapshot, AccessRequest request, string trustDomain = "cluster.local")
    {
        var grant = Granting(snapshot, request, trustDomain).FirstOrDefault();
        return grant is null
            ? AccessDecision.Deny("no TrafficTarget allows it")
            : AccessDecision.Allow($"TrafficTarget {grant.Source.Namespace}/{grant.Source.Name}");
    }

    /// <summary>The TrafficTargets that allow a request.</summary>
    /// <param name="snapshot">The SMI input.</param>
    /// <param name="request">The request.</param>
    /// <param name="trustDomain">The trust domain of the pods' SPIFFE IDs.</param>
    /// <returns>The allowing grants, in input order.</returns>
    public static IEnumerable<AccessGrant> Granting(
        MeshSnapshot snapshot, AccessRequest request, string trustDomain = "cluster.local")
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(request);
        var workload = snapshot.WorkloadsIn(request.Destination.Namespace).FirstOrDefault(w =>
            w.ServiceAccount == request.Destination.ServiceAccount
            && w.PodLabels.Count == request.Destination.Labels.Count
            && request.Destination.HasLabels(w.PodLabels));
        return snapshot.AccessGrants.Where(g =>
            StandsFor(snapshot, g.Destination, request.Destination, trustDomain)
            && g.Sources.Any(s => StandsFor(snapshot, s, request.Source, trustDomain))
            && RulesAllow(snapshot, g, workload, request));
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

    private static bool RulesAllow(MeshSnapshot snapshot, AccessGrant grant, WorkloadInfo? workload,
        AccessRequest request)
    {
        if (grant.Rules.IsDefaultOrEmpty
            || (grant.DestinationPort is { } only && !Holds(snapshot, workload, only, request.Port)))
        {
            return false;
        }

        var portRules = grant.Rules.Where(r => r.Kind != AccessRuleKind.HttpRouteGroup).ToList();
        var routeRules = grant.Rules.Where(r => r.Kind == AccessRuleKind.HttpRouteGroup).ToList();
        var portOk = portRules.Count == 0 || portRules.Any(rule =>
        {
            var protocol = rule.Kind == AccessRuleKind.UdpRoute ? PortProtocol.Udp : PortProtocol.Tcp;
            return (request.Protocol == AccessProtocol.Udp) == (protocol == PortProtocol.Udp)
                && snapshot.FindPortRoute(protocol, grant.Namespace, rule.Name) is { } route
                && (route.AllPorts || route.Ports.Any(p => Holds(snapshot, workload, p, request.Port)));
        });
        var routeOk = routeRules.Count == 0 || (request.IsHttp && routeRules.Any(rule =>
            snapshot.FindRouteGroup(grant.Namespace, rule.Name) is { } group
            && group.Matches
                .Where(m => rule.Matches.IsDefaultOrEmpty || rule.Matches.Contains(m.Name))
                .Any(m => SmiSplitEvaluator.Matches(m, request.Request))));
        return portOk && routeOk;
    }

    /// <summary>Whether an SMI port stands for the pod's container port.</summary>
    private static bool Holds(MeshSnapshot snapshot, WorkloadInfo? workload, int smiPort, int containerPort) =>
        workload is null
            ? smiPort == containerPort
            : snapshot.ResolveContainerPorts([workload], smiPort).Contains(containerPort);
}
