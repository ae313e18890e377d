using System.Globalization;
using Smi.Abstractions;
using Smi.Abstractions.Access;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.Istio.Resources;

namespace Smi.Adapters.Istio.Access;

/// <summary>
/// TrafficTargets to one ALLOW AuthorizationPolicy per destination identity. Each grant becomes one rule per allowed
/// HTTP match (or one port rule): sources as principals, TCPRoute ports as container ports, paths, methods and header
/// conditions reduced from regexes only where exact. What cannot be expressed is left out and reported, so a
/// policy never allows more than SMI does.
/// </summary>
internal static class AuthorizationPolicyTranslation
{
    public static void Translate(MeshSnapshot snapshot, IstioSettings settings, TranslationOutput output)
    {
        foreach (var destination in snapshot.Access.Destinations)
        {
            if (output.Wants(destination.Unit))
            {
                TranslateDestination(snapshot, settings, output, destination);
            }
        }

        // Every namespace unit (workloads, TrafficTargets or a Namespace object; the controller's watched
        // namespaces) gets the deny-all when asked for: SMI denies by default everywhere, not only where a
        // TrafficTarget exists.
        var grantsByNamespace = snapshot.AccessGrants.ToLookup(g => g.Namespace, StringComparer.Ordinal);
        var namespaces = output.WantedUnits(snapshot, UnitKind.Namespace).Select(u => u.Namespace);
        foreach (var ns in namespaces.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var unit = UnitKey.ForNamespace(ns);
            var group = grantsByNamespace[ns];

            if (settings.DefaultDeny)
            {
                var inputs = group.Any()
                    ? group.Select(g => g.Source)
                    : [new ResourceRef("v1", "Namespace", null, ns)];
                output.Add(unit, new AuthorizationPolicy
                {
                    ApiVersion = settings.SecurityApiVersion,
                    Metadata = GeneratedMetadata.Create(
                        IstioNames.DefaultDenyPolicy, ns, IstioTranslator.MeshName, unit, inputs),
                });
            }
            else if (group.Any())
            {
                output.Report(unit, Diagnostic.Warning(
                    SmiReasons.DefaultDenyDisabled,
                    new ResourceRef("v1", "Namespace", null, ns),
                    null,
                    $"SMI denies traffic that no TrafficTarget allows, but workloads of namespace {ns} without a "
                        + "generated policy still accept everything; enable the default-deny option to add a deny-all "
                        + "AuthorizationPolicy."));
            }
        }
    }

    private static void TranslateDestination(
        MeshSnapshot snapshot, IstioSettings settings, TranslationOutput output, ResolvedDestination resolved)
    {
        var unit = resolved.Unit;
        var destination = resolved.Identity;
        var grants = resolved.Grants.Select(g => g.Grant).ToList();
        void Report(Diagnostic diagnostic) => output.Report(unit, diagnostic);

        var selection = resolved.Selection;
        if (selection.IsEmpty || !selection.Exclusive)
        {
            foreach (var grant in grants)
            {
                var spec = grant.Source.Version == "v1alpha1" ? string.Empty : "spec.";
                Report(selection.IsEmpty
                    ? Diagnostic.Error(
                        SmiReasons.DestinationWorkloadsNotFound,
                        grant.Source,
                        $"{spec}destination",
                        $"no Deployment, StatefulSet, DaemonSet or Pod in namespace {destination.Namespace} runs as "
                            + $"{destination.Kind} {destination.Name}; Istio selects workloads by pod labels, so no "
                            + "AuthorizationPolicy was generated. Include the destination's workloads in the input.")
                    : Diagnostic.Error(
                        SmiReasons.DestinationSelectorNotExclusive,
                        grant.Source,
                        $"{spec}destination",
                        $"the pod labels shared by the workloads of {destination.Kind} {destination.Name} also select "
                            + $"workloads of other identities in namespace {destination.Namespace}, so a policy would "
                            + "apply to them too; no AuthorizationPolicy was generated. Give these workloads a label "
                            + "of their own."));
            }

            return;
        }

        var sources = new List<ResourceRef>();
        foreach (var grant in grants)
        {
            sources.Add(grant.Source);
            sources.AddRange(ReferencedInputs(snapshot, grant));
        }

        if (!resolved.PortsDifferByWorkload)
        {
            // Every workload is allowed the same ports: one policy selects them all by their shared labels (for an
            // IdentityBinding's pod subset, those include the subset's labels).
            var all = Enumerable.Range(0, selection.Workloads.Length).ToList();
            var rules = resolved.Grants.SelectMany(g => BuildRules(settings, g, all, Report)).ToList();
            var policyName = IstioNames.ForDestination(destination);
            AddPolicy(settings, output, resolved, policyName, selection.CommonLabels, rules, sources);
            return;
        }

        // A named port means different numbers on different workloads: one policy per workload, selected by its own
        // pod labels, with only its numbers; a policy for all of them would open each one's other ports.
        foreach (var grant in resolved.Grants.Where(g => g.PortsDifferByWorkload))
        {
            Report(AccessRefusals.PolicyPerWorkload(resolved, grant, "an AuthorizationPolicy"));
        }

        for (var i = 0; i < selection.Workloads.Length; i++)
        {
            var workload = selection.Workloads[i];
            if (!snapshot.PodLabelsSelectOnly(workload))
            {
                foreach (var grant in grants)
                {
                    Report(Diagnostic.Error(
                        SmiReasons.DestinationSelectorNotExclusive,
                        grant.Source,
                        grant.Source.Version == "v1alpha1" ? "destination" : "spec.destination",
                        $"the ports of {destination.Kind} {destination.Name} differ by workload, and the pod labels "
                        + $"of {workload.Ref.Kind} {workload.Ref.Name} also select other pods in namespace "
                        + $"{destination.Namespace}, so no AuthorizationPolicy was generated for it. "
                        + "Give its pods a label of their own."));
                }

                continue;
            }

            var rules = resolved.Grants.SelectMany(g => BuildRules(settings, g, [i], Report)).ToList();
            var name = IstioNames.ForDestinationWorkload(destination, workload.Ref.Name);
            AddPolicy(settings, output, resolved, name, workload.PodLabels, rules, sources);
        }
    }

    private static void AddPolicy(
        IstioSettings settings,
        TranslationOutput output,
        ResolvedDestination resolved,
        string name,
        IReadOnlyDictionary<string, string> selector,
        List<AuthorizationRule> rules,
        List<ResourceRef> sources)
    {
        var destination = resolved.Identity;
        if (rules.Count == 0)
        {
            output.Report(resolved.Unit, Diagnostic.Warning(
                IstioReasons.PolicyAllowsNothing,
                resolved.Grants[0].Grant.Source,
                null,
                $"nothing the TrafficTargets for {destination.Kind} {destination.Namespace}/{destination.Name} allow "
                    + "could be expressed, so its AuthorizationPolicy allows nothing; see the other diagnostics and "
                    + "rewrite the rules they name."));
        }

        output.Add(resolved.Unit, new AuthorizationPolicy
        {
            ApiVersion = settings.SecurityApiVersion,
            Metadata = GeneratedMetadata.Create(
                name, destination.Namespace, IstioTranslator.MeshName, resolved.Unit, sources),
            Spec = new AuthorizationPolicySpec
            {
                Selector = new WorkloadSelector
                {
                    MatchLabels = new SortedDictionary<string, string>(selector.ToDictionary(), StringComparer.Ordinal),
                },
                Action = AuthorizationPolicySpec.AllowAction,
                Rules = rules.Count > 0 ? rules : null,
            },
        });
    }

    private static IEnumerable<ResourceRef> ReferencedInputs(MeshSnapshot snapshot, AccessGrant grant)
    {
        foreach (var rule in grant.Rules)
        {
            ResourceRef? referenced = rule.Kind switch
            {
                AccessRuleKind.HttpRouteGroup => snapshot.FindRouteGroup(grant.Namespace, rule.Name)?.Source,
                AccessRuleKind.TcpRoute => snapshot.FindPortRoute(PortProtocol.Tcp, grant.Namespace, rule.Name)?.Source,
                _ => snapshot.FindPortRoute(PortProtocol.Udp, grant.Namespace, rule.Name)?.Source,
            };
            if (referenced is not null)
            {
                yield return referenced;
            }
        }

        foreach (var identity in grant.Sources.Append(grant.Destination)
            .Where(i => i.Kind == IdentityKind.IdentityBinding))
        {
            if (snapshot.FindIdentityBinding(identity.Namespace, identity.Name) is { } binding)
            {
                yield return binding.Source;
            }
        }
    }

    /// <summary>
    /// The rules of one grant on the given workloads of its destination (indexes into the selection).
    /// </summary>
    internal static List<AuthorizationRule> BuildRules(
        IstioSettings settings, ResolvedGrant resolved, IReadOnlyList<int> workloads, Action<Diagnostic> report)
    {
        var grant = resolved.Grant;
        var rulesField = resolved.RulesField;

        var subsets = resolved.PodSubsetSources.ToList();
        if (subsets.Count > 0)
        {
            // Principals name whole service accounts; a pod subset of one cannot be told apart from its other pods.
            subsets.ForEach(s => report(AccessRefusals.SourcePodSubset(resolved, s, "Istio")));
            return [];
        }

        var principals = Principals(settings, resolved, report);
        if (principals.Count == 0)
        {
            return [];
        }

        if (!TryAllowedPorts(resolved, workloads, report, out var ports))
        {
            return [];
        }

        var from = new[] { new RuleFrom { Source = new Source { Principals = principals } } };
        if (!resolved.HasHttpRule)
        {
            return [new AuthorizationRule { From = from,
                To = ports is null ? null : [new RuleTo { Operation = new Operation { Ports = ports } }] }];
        }

        // HTTP rules are present: each one allows only its matches. A rule whose matches resolve to none allows
        // nothing and is refused; it never falls back to the whole-port rule above, which Istio reads as any request.
        var result = new List<AuthorizationRule>();
        foreach (var httpRule in resolved.HttpRules)
        {
            var (rule, group) = (httpRule.Rule, httpRule.Group);
            var field = $"{rulesField}[{httpRule.Index}]";
            if (httpRule.MatchesNothing)
            {
                report(Diagnostic.Error(
                    SmiReasons.RuleMatchesNothing,
                    grant.Source,
                    field,
                    group is null
                        ? $"HTTPRouteGroup {grant.Namespace}/{rule.Name} is not in the input, so this rule "
                            + "matches no request and allows nothing (an empty operation means any request to "
                            + "Istio). Add the route group."
                        : $"HTTPRouteGroup {grant.Namespace}/{rule.Name} has none of the matches this rule "
                            + "selects, so it matches no request and allows nothing (an empty operation means any "
                            + "request to Istio). Give the route group matches."));
                continue;
            }

            foreach (var match in httpRule.Matches)
            {
                if (BuildRule(group!, match, from, ports, field, grant, report) is { } built)
                {
                    result.Add(built);
                }
            }
        }

        return result;
    }

    private static AuthorizationRule? BuildRule(RouteGroup group, RouteMatch match, RuleFrom[] from,
        IReadOnlyList<string>? ports, string field, AccessGrant grant, Action<Diagnostic> report)
    {
        IReadOnlyList<string>? paths = null;
        if (!match.AnyPath)
        {
            var reduced = AuthorizationPatterns.ReducePath(match.PathRegex!);
            if (reduced is null)
            {
                report(Diagnostic.Warning(
                    IstioReasons.UnsupportedPathRegex,
                    grant.Source,
                    field,
                    $"pathRegex \"{match.PathRegex}\" of match {match.Name} in HTTPRouteGroup {group.Name} has no "
                        + "exact AuthorizationPolicy form (only a literal prefix, L$ exact, .*L$ suffix or .* are), "
                        + "so this match is not allowed. Rewrite the regex in one of those forms."));
                return null;
            }

            paths = reduced.MatchesAll ? null : reduced.Values;
        }

        var when = new List<Condition>();
        foreach (var header in match.Headers.IsDefault ? [] : match.Headers)
        {
            var reduced = AuthorizationPatterns.ReduceHeader(header.ValueRegex);
            if (reduced is null)
            {
                report(Diagnostic.Warning(
                    IstioReasons.UnsupportedHeaderRegex,
                    grant.Source,
                    field,
                    $"header {header.Name} regex \"{header.ValueRegex}\" of match {match.Name} in HTTPRouteGroup "
                        + $"{group.Name} has no exact AuthorizationPolicy form (only a literal, L.* prefix, .*L "
                        + "suffix or .* are), so this match is not allowed. Rewrite the regex in one of those forms."));
                return null;
            }

            when.Add(new Condition { Key = $"request.headers[{header.Name.ToLowerInvariant()}]",
                Values = reduced.MatchesAll ? ["*"] : reduced.Values });
        }

        var methods = match.AnyMethod ? null : match.Methods.Distinct(StringComparer.Ordinal).ToList();
        var operation = new Operation { Ports = ports, Methods = methods, Paths = paths };
        var any = ports is null && methods is null && paths is null;
        return new AuthorizationRule
        {
            From = from,
            To = any ? null : [new RuleTo { Operation = operation }],
            When = when.Count > 0 ? when : null,
        };
    }

    private static List<string> Principals(IstioSettings settings, ResolvedGrant resolved, Action<Diagnostic> report)
    {
        var grant = resolved.Grant;
        var principals = new List<string>();
        foreach (var resolvedSource in resolved.Sources)
        {
            var (i, source) = (resolvedSource.Index, resolvedSource.Identity);
            var found = new List<string>();
            foreach (var (ns, name) in resolvedSource.ServiceAccounts)
            {
                found.Add($"{settings.TrustDomain}/ns/{ns}/sa/{name}");
            }

            foreach (var spiffe in resolvedSource.SpiffeIdentities)
            {
                const string scheme = "spiffe://";
                if (spiffe.StartsWith(scheme, StringComparison.Ordinal) && spiffe.Length > scheme.Length
                    && !spiffe.Contains('*', StringComparison.Ordinal))
                {
                    found.Add(spiffe[scheme.Length..]);
                }
                else
                {
                    report(Diagnostic.Warning(
                        IstioReasons.UnsupportedSpiffeIdentity,
                        grant.Source,
                        resolved.SpecPath($"sources[{i}]"),
                        $"SPIFFE identity \"{spiffe}\" of IdentityBinding {source.Namespace}/{source.Name} is not a "
                            + "spiffe://<trustDomain>/<path> ID, so it is not allowed. Write it as "
                            + "spiffe://<trustDomain>/ns/<ns>/sa/<sa>."));
                }
            }

            if (found.Count == 0)
            {
                report(Diagnostic.Warning(
                    SmiReasons.IdentityNotResolved,
                    grant.Source,
                    resolved.SpecPath($"sources[{i}]"),
                    $"source {source.Kind} {source.Namespace}/{source.Name} stands for no service account or SPIFFE "
                        + "identity, so it is not allowed. Give the IdentityBinding a serviceAccount, a "
                        + "podLabelSelector that matches workloads, or SPIFFE IDs."));
            }

            principals.AddRange(found.Where(p => !principals.Contains(p, StringComparer.Ordinal)));
        }

        return principals;
    }

    /// <summary>
    /// The container ports a grant allows on the given workloads: <see langword="null"/> for every port. False when
    /// its port rules leave nothing Istio can allow there (UDP only, no port resolved, or no port in common with the
    /// v1alpha1/v1alpha2 destination port).
    /// </summary>
    private static bool TryAllowedPorts(
        ResolvedGrant resolved,
        IReadOnlyList<int> workloads,
        Action<Diagnostic> report,
        out IReadOnlyList<string>? ports)
    {
        ports = null;
        var grant = resolved.Grant;
        var rulesField = resolved.RulesField;
        foreach (var rule in resolved.PortRules)
        {
            if (rule.IsUdp)
            {
                report(Diagnostic.Warning(
                    SmiReasons.UdpRouteUnsupported,
                    grant.Source,
                    $"{rulesField}[{rule.Index}]",
                    $"UDPRoute {rule.Rule.Name} is not allowed: Istio sidecars do not proxy UDP and "
                    + "AuthorizationPolicy cannot restrict it. Remove the rule, or secure the UDP traffic outside "
                    + "the mesh."));
            }
            else if (rule.ResolvesToNoPort)
            {
                // Istio reads an empty or absent ports list as every port: a rule without a port allows nothing.
                report(Diagnostic.Error(
                    SmiReasons.RuleResolvesToNoPort,
                    grant.Source,
                    $"{rulesField}[{rule.Index}]",
                    rule.Route is null
                        ? $"TCPRoute {grant.Namespace}/{rule.Rule.Name} is not in the input, so this rule names "
                            + "no port and allows nothing. Add the TCPRoute."
                        : $"the ports of TCPRoute {grant.Namespace}/{rule.Rule.Name} "
                            + $"({string.Join(", ", rule.Route.Ports)}) resolve to no container port of "
                            + $"{grant.Destination} (a Service targetPort names no declared container port), "
                            + "so this rule allows nothing; an empty ports list would mean every port to "
                            + "Istio. Declare the port on the containers."));
            }
        }

        var tcpResolved = resolved.PortRules.Any(r => !r.IsUdp && !r.ResolvesToNoPort);
        if ((resolved.HasUdpRule && !resolved.HasTcpRule) || (resolved.HasTcpRule && !tcpResolved))
        {
            return false;
        }

        if (grant.DestinationPort is int destinationPort && resolved.PortsOnAnyWorkload.IsEmpty)
        {
            report(Diagnostic.Warning(
                IstioReasons.NoCommonPort,
                grant.Source,
                resolved.SpecPath("destination.port"),
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"destination port {destinationPort} is not among the TCPRoute ports of the rules, "
                    + $"so the TrafficTarget allows nothing. Make the ports agree.")));
            return false;
        }

        if (resolved.EveryPort)
        {
            return true;
        }

        // Only the ports of these workloads; a workload this grant gives no port gets no rule (never an empty list).
        var allowed = workloads.SelectMany(w => resolved.Ports[w].Ports).Distinct().Order().ToList();
        ports = [.. allowed.Select(p => p.ToString(CultureInfo.InvariantCulture))];
        return allowed.Count > 0;
    }
}
