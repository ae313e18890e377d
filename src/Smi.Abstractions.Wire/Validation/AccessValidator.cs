using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;

namespace Smi.Abstractions.Validation;

/// <summary>Checks TrafficTargets: destination, sources, rules and what the rules refer to.</summary>
public sealed class AccessValidator : ISmiValidator
{
    /// <inheritdoc/>
    public IEnumerable<Diagnostic> Validate(MeshSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var grant in snapshot.AccessGrants)
        {
            var source = grant.Source;
            var spec = source.Version == "v1alpha1" ? string.Empty : "spec.";
            var rulesField = source.Version == "v1alpha1" ? "specs" : "spec.rules";
            if (string.IsNullOrEmpty(grant.Destination.Name))
            {
                yield return Diagnostic.Error(
                    SmiReasons.MissingField,
                    source,
                    $"{spec}destination.name",
                    "the destination must name a ServiceAccount");
            }

            if (!string.Equals(grant.Destination.Namespace, grant.Namespace, StringComparison.Ordinal))
            {
                yield return Diagnostic.Error(
                    SmiReasons.DestinationNamespaceMismatch,
                    source,
                    $"{spec}destination.namespace",
                    $"destination namespace {grant.Destination.Namespace} differs from the TrafficTarget's own "
                        + $"namespace {grant.Namespace}; create the TrafficTarget in {grant.Destination.Namespace}");
            }

            foreach (var diagnostic in CheckIdentity(snapshot, grant.Destination, source, $"{spec}destination"))
            {
                yield return diagnostic;
            }

            if (grant.Sources.IsDefaultOrEmpty)
            {
                yield return Diagnostic.Error(
                    SmiReasons.NoSources,
                    source,
                    $"{spec}sources",
                    "a TrafficTarget needs at least one source; without one it allows nothing");
            }

            for (var i = 0; i < (grant.Sources.IsDefault ? 0 : grant.Sources.Length); i++)
            {
                if (string.IsNullOrEmpty(grant.Sources[i].Name))
                {
                    yield return Diagnostic.Error(
                        SmiReasons.MissingField,
                        source,
                        $"{spec}sources[{i}].name",
                        "each source must name a ServiceAccount");
                }

                foreach (var diagnostic in CheckIdentity(snapshot, grant.Sources[i], source, $"{spec}sources[{i}]"))
                {
                    yield return diagnostic;
                }
            }

            if (grant.Rules.IsDefaultOrEmpty)
            {
                yield return Diagnostic.Error(
                    SmiReasons.NoRules,
                    source,
                    rulesField,
                    "a TrafficTarget needs at least one rule (HTTPRouteGroup, TCPRoute or UDPRoute)");
            }

            for (var i = 0; i < (grant.Rules.IsDefault ? 0 : grant.Rules.Length); i++)
            {
                foreach (var diagnostic in CheckRule(snapshot, grant, grant.Rules[i], $"{rulesField}[{i}]"))
                {
                    yield return diagnostic;
                }
            }
        }
    }

    private static IEnumerable<Diagnostic> CheckIdentity(
        MeshSnapshot snapshot, IdentityRef identity, ResourceRef source, string path)
    {
        if (identity.Kind == IdentityKind.IdentityBinding && snapshot.FindIdentityBinding(
            identity.Namespace, identity.Name) is null)
        {
            yield return Diagnostic.Error(
                SmiReasons.IdentityBindingNotFound,
                source,
                $"{path}.name",
                $"IdentityBinding {identity.Namespace}/{identity.Name} is not in the input");
        }
    }

    private static IEnumerable<Diagnostic> CheckRule(
        MeshSnapshot snapshot, AccessGrant grant, AccessRule rule, string path)
    {
        var source = grant.Source;
        switch (rule.Kind)
        {
            case AccessRuleKind.HttpRouteGroup:
                var group = snapshot.FindRouteGroup(grant.Namespace, rule.Name);
                if (group is null)
                {
                    yield return Diagnostic.Error(
                        SmiReasons.RouteNotFound,
                        source,
                        $"{path}.name",
                        $"HTTPRouteGroup {grant.Namespace}/{rule.Name} is not in the input; rules refer to route "
                            + "groups in the TrafficTarget's namespace");
                    yield break;
                }

                for (var m = 0; m < (rule.Matches.IsDefault ? 0 : rule.Matches.Length); m++)
                {
                    if (group.FindMatch(rule.Matches[m]) is null)
                    {
                        yield return Diagnostic.Error(
                            SmiReasons.RouteMatchNotFound,
                            source,
                            $"{path}.matches[{m}]",
                            $"HTTPRouteGroup {grant.Namespace}/{rule.Name} has no match named {rule.Matches[m]}");
                    }
                }

                break;
            case AccessRuleKind.TcpRoute or AccessRuleKind.UdpRoute:
                var protocol = rule.Kind == AccessRuleKind.TcpRoute ? PortProtocol.Tcp : PortProtocol.Udp;
                if (snapshot.FindPortRoute(protocol, grant.Namespace, rule.Name) is null)
                {
                    var kind = rule.Kind == AccessRuleKind.TcpRoute ? "TCPRoute" : "UDPRoute";
                    yield return Diagnostic.Error(
                        SmiReasons.RouteNotFound,
                        source,
                        $"{path}.name",
                        $"{kind} {grant.Namespace}/{rule.Name} is not in the input; rules refer to routes in the "
                            + "TrafficTarget's namespace");
                }

                if (!rule.Matches.IsDefaultOrEmpty)
                {
                    yield return Diagnostic.Warning(
                        SmiReasons.MatchesIgnored,
                        source,
                        $"{path}.matches",
                        "matches only narrow HTTPRouteGroup rules; they are ignored on TCPRoute and UDPRoute");
                }

                break;
        }
    }
}
