using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CsCheck;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.Consul;
using Smi.Adapters.GatewayApi;
using Smi.Adapters.Istio;
using Smi.Adapters.Linkerd;
using Smi.Testing;
using Xunit.Abstractions;

namespace Smi.Evaluation.Tests;

/// <summary>
/// Generated clusters (Services with numeric, named and unresolvable targetPorts, two workloads behind one
/// ServiceAccount, IdentityBindings, an opaque MySQL port) and generated TrafficTargets of every version with
/// HTTPRouteGroups and TCPRoutes of every version, translated for Istio, Linkerd, Consul and the Gateway API with
/// access control delegated to Istio and to Linkerd, all with default deny: for
/// every generated request (near misses included: another method, a path matching only a prefix of an alternation, a
/// missing or wrong header, another port, another ServiceAccount, plain TCP), the mesh evaluator on the output never
/// allows what SMI denies, and where it denies what SMI allows, a warning or an error names a TrafficTarget that
/// allows it (or a route or IdentityBinding that target uses).
/// </summary>
public class AccessPropertyTests(ITestOutputHelper output)
{
    /// <summary>
    /// Requests to a port that neither a Service nor a container of the destination declares (1234). A TCPRoute
    /// without ports means "all ports"; Istio renders it as no port condition (every port), Linkerd as one Server per
    /// declared container port (the other ports fall to the deny default, with a warning), and Consul's transparent
    /// proxy forwards every inbound connection to the registered service port (the others are never reached, with a
    /// warning).
    /// </summary>
    internal const bool UndeclaredPortRequests = true;

    private static readonly string Seed = PropertySeed.Or("0N0XIzNsQ0O3");

    private static readonly string[] Versions = ["v1alpha1", "v1alpha2", "v1alpha3", "v1alpha4"];

    private static readonly string[] PathRegexes = ["/api", "/api|/status$", "/v[0-9]+/items", "/status$"];

    private static readonly string[][] MethodSets = [[], ["GET"], ["GET", "POST"], ["*"]];

    private static readonly string[] Paths = ["/", "/api/orders", "/apix", "/status", "/statusx", "/v1/items",
        "/canary"];

    private static readonly string[] Methods = ["GET", "POST", "DELETE"];

    private static readonly string?[] CanaryValues = [null, "on", "onn"];

    private static readonly int[] TcpPorts = [80, 9090, 7070, 3306];

    private static readonly (string Mesh, IMeshTranslator Translator, IAccessEvaluator Evaluator)[] Meshes =
    [
        ("istio", new IstioTranslator(new TranslationOptions { DefaultDeny = true }, new IstioOptions()),
            new IstioAuthorizationPolicyEvaluator()),
        ("linkerd", new LinkerdTranslator(new TranslationOptions { DefaultDeny = true }, new LinkerdOptions()),
            new LinkerdAuthorizationEvaluator("deny")),
        ("gateway-api with Istio access", new GatewayApiTranslator(new TranslationOptions { DefaultDeny = true },
                new GatewayApiOptions { AccessControl = GatewayApiAccessControl.Istio }),
            new IstioAuthorizationPolicyEvaluator()),
        ("gateway-api with Linkerd access", new GatewayApiTranslator(new TranslationOptions { DefaultDeny = true },
                new GatewayApiOptions { AccessControl = GatewayApiAccessControl.Linkerd }),
            new LinkerdAuthorizationEvaluator("deny")),
    ];

    internal sealed record Target(
        string Version, int Destination, int? DestinationPort, bool RouteGroup, int RouteMatches, bool TcpRoute,
        int Sources)
    {
        public override string ToString() =>
            FormattableString.Invariant($"{Version} dest {Destination} port {DestinationPort?.ToString(
                CultureInfo.InvariantCulture) ?? "-"} group {RouteGroup}/{RouteMatches} tcp {TcpRoute} src {Sources}");
    }

    internal sealed record Case(
        bool NamedApiTarget, bool NamedAdminTarget, bool UnresolvablePort, bool SecondApiWorkload, bool SwapPorts,
        bool BatchService, bool AdminIsTcp, string GroupVersion, string PathRegex, int MethodSet, bool EmptyGroup,
        string TcpVersion,
        int[] TcpPorts, Target[] Targets, bool BindingSubsets)
    {
        public override string ToString() =>
            FormattableString.Invariant($"api target {(NamedApiTarget ? "named" : "numeric")}, admin ")
            + FormattableString.Invariant($"{(NamedAdminTarget ? "named" : "numeric")}, unresolvable ")
            + FormattableString.Invariant($"{UnresolvablePort}, v2 {SecondApiWorkload}, swap {SwapPorts}, ")
            + FormattableString.Invariant($"batch {BatchService}, tcp admin {AdminIsTcp}; ")
            + FormattableString.Invariant($"group {GroupVersion} '{PathRegex}' ")
            + FormattableString.Invariant($"[{string.Join(",", MethodSets[MethodSet])}] empty {EmptyGroup}; ")
            + FormattableString.Invariant($"tcp {TcpVersion} [{string.Join(",", TcpPorts)}]; ")
            + string.Join("; ", Targets.Select(t => t.ToString()))
            + FormattableString.Invariant($"; binding subsets {BindingSubsets}");
    }

    private static readonly Gen<Target> TargetGen =
        from version in Gen.OneOf(Versions)
        from destination in Gen.Int[0, 2]
        from port in Gen.OneOf(Gen.Const((int?)null), Gen.Const((int?)80), Gen.Const((int?)9090))
        from hasGroup in Gen.Bool
        from matches in Gen.Int[0, 2]
        from tcp in Gen.Bool
        from sources in Gen.Int[1, 15]
        select new Target(version, version == "v1alpha4" || destination < 2 ? destination : 0,
            version is "v1alpha1" or "v1alpha2" ? port : null, hasGroup || !tcp, matches, tcp, sources);

    private static readonly Gen<Case> CaseGen =
        from namedApi in Gen.Bool
        from namedAdmin in Gen.Bool
        from unresolvable in Gen.Bool
        from second in Gen.Bool
        from swap in Gen.Bool
        from batch in Gen.Bool
        from adminTcp in Gen.Bool
        from groupVersion in Gen.OneOf(Versions)
        from pathRegex in Gen.OneOf(PathRegexes)
        from methodSet in Gen.Int[0, MethodSets.Length - 1]
        from emptyGroup in Gen.Int[0, 9]
        from tcpVersion in Gen.OneOf(Versions)
        from tcpPorts in Gen.Int[0, 3].Array[0, 2]
        from targets in TargetGen.Array[1, 3]
        from bindingSubsets in Gen.Bool
        select new Case(namedApi, namedAdmin, unresolvable, second, swap, batch, adminTcp, groupVersion, pathRegex,
            methodSet, emptyGroup == 0, tcpVersion, [.. tcpPorts.Distinct().Select(i => TcpPorts[i])], targets,
            bindingSubsets);

    [Fact]
    public void NoMeshAllowsWhatSmiDenies_AndEveryNarrowingIsReported()
    {
        var requests = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var cases = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        CaseGen.Sample(
            c =>
            {
                cases++;
                var snapshot = MeshTranslation.Load(Input(c));
                var pods = snapshot.Workloads.Select(AccessPod.Of).ToList();
                var consul = new ConsulIntentionsEvaluator(serviceName: pod => ConsulServiceName(snapshot, pod))
                {
                    ServicePort = pod => WorkloadOf(snapshot, pod).ContainerPorts.FirstOrDefault()?.Port,
                };
                var meshes = Meshes.Append(("consul", new ConsulTranslator(
                    new TranslationOptions { DefaultDeny = true }, new ConsulOptions()), consul));
                foreach (var (mesh, translator, evaluator) in meshes)
                {
                    var result = translator.Translate(snapshot);
                    var output = MeshTranslation.Output(result);
                    foreach (var request in Requests(pods))
                    {
                        requests[mesh] = requests.GetValueOrDefault(mesh) + 1;
                        var grants = SmiAccessEvaluator.Granting(snapshot, request).ToList();
                        var got = evaluator.Evaluate(output, request);
                        if (got.Allowed && grants.Count == 0)
                        {
                            throw new InvalidOperationException(
                                $"{mesh} widens: {request} is allowed by {got.Reason}, SMI denies it");
                        }

                        if (!got.Allowed && grants.Count > 0 && ExpectedTraffic(snapshot, request)
                            && !grants.Any(g => Reported(result.Diagnostics, g)))
                        {
                            throw new InvalidOperationException(
                                $"{mesh} narrows silently: {request} is denied ({got.Reason}), SMI allows it by "
                                + string.Join(", ", grants.Select(g => g.Source.Name)) + "; diagnostics:\n"
                                + string.Join("\n", result.Diagnostics));
                        }
                    }
                }
            },
            seed: Seed,
            iter: 1000,
            threads: 1,
            print: c => c.ToString());
        output.WriteLine(FormattableString.Invariant($"{cases} cases, 0 widenings, {clock.Elapsed.TotalSeconds:F0} s; ")
            + "requests per mesh: " + string.Join(", ", requests.Select(r => FormattableString.Invariant(
                $"{r.Key} {r.Value:N0}"))));
        // Five translations: at least 200,000 generated requests judged on each.
        Assert.Equal(5, requests.Count);
        Assert.All(requests, r => Assert.True(r.Value >= 200_000, $"only {r.Value} requests judged on {r.Key}"));
    }

    /// <summary>
    /// Whether a warning or an error is about the grant's TrafficTarget or an object it uses, or names the
    /// TrafficTarget in its message (a refused output object lists the inputs it came from).
    /// </summary>
    private static bool Reported(ImmutableArray<Diagnostic> diagnostics, AccessGrant grant)
    {
        var related = new HashSet<(string Kind, string Name)>
        {
            ("TrafficTarget", grant.Source.Name),
        };
        foreach (var rule in grant.Rules)
        {
            related.Add((rule.Kind switch
            {
                AccessRuleKind.HttpRouteGroup => "HTTPRouteGroup",
                AccessRuleKind.TcpRoute => "TCPRoute",
                _ => "UDPRoute",
            }, rule.Name));
        }

        foreach (var identity in grant.Sources.Append(grant.Destination)
                     .Where(i => i.Kind == IdentityKind.IdentityBinding))
        {
            related.Add(("IdentityBinding", identity.Name));
        }

        var named = $"TrafficTarget/{grant.Namespace}/{grant.Source.Name}";
        return diagnostics.Any(d => d.Severity is DiagnosticSeverity.Warning or DiagnosticSeverity.Error
            && ((d.Object is { } o && o.Namespace == grant.Namespace && related.Contains((o.Kind, o.Name)))
                || d.Message.Contains(named, StringComparison.Ordinal)));
    }

    /// <summary>Whether the input allows for the request: no plain TCP to a port its Service reads as HTTP.</summary>
    private static bool ExpectedTraffic(MeshSnapshot snapshot, AccessRequest request)
    {
        if (request.Protocol != AccessProtocol.Tcp)
        {
            return true;
        }

        var workload = WorkloadOf(snapshot, request.Destination);
        var ports = snapshot.ServicesSelecting(workload)
            .SelectMany(s => s.Ports)
            .Where(p => snapshot.ResolveContainerPorts([workload], p.Port).Contains(request.Port))
            .ToList();
        return ports.Count == 0 || ports.Any(p =>
            !PortProtocolResolver.CarriesHttp(PortProtocolResolver.Resolve(p)));
    }

    /// <summary>The workload a generated pod belongs to.</summary>
    private static WorkloadInfo WorkloadOf(MeshSnapshot snapshot, AccessPod pod) =>
        snapshot.WorkloadsIn(pod.Namespace).First(w => w.ServiceAccount == pod.ServiceAccount
            && w.PodLabels.Count == pod.Labels.Count && pod.HasLabels(w.PodLabels));

    /// <summary>
    /// The Consul service of a pod as consul-k8s registers it: the Kubernetes Service that selects it.
    /// </summary>
    private static string ConsulServiceName(MeshSnapshot snapshot, AccessPod pod) =>
        snapshot.Services
            .Where(s => s.Namespace == pod.Namespace && s.Selects(pod.Labels))
            .Select(s => s.Name)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault() ?? pod.ServiceAccount;

    private static IEnumerable<AccessRequest> Requests(List<AccessPod> pods)
    {
        var destinations = pods.Where(p => p.ServiceAccount is "api" or "db").ToList();
        foreach (var source in pods)
        {
            foreach (var destination in destinations)
            {
                var undeclared = UndeclaredPortRequests ? [1234] : Array.Empty<int>();
                foreach (var port in destination.NamedPorts.Values.Concat(undeclared).Distinct())
                {
                    yield return AccessRequests.Tcp(source, destination, port);
                    if (port == 3306)
                    {
                        continue;
                    }

                    foreach (var path in Paths)
                    {
                        foreach (var method in Methods)
                        {
                            foreach (var canary in CanaryValues)
                            {
                                yield return canary is null
                                    ? AccessRequests.Http(source, destination, port, method, path)
                                    : AccessRequests.Http(source, destination, port, method, path,
                                        $"X-Canary: {canary}");
                            }
                        }
                    }
                }
            }
        }
    }

    private static string Input(Case c)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $$"""
            apiVersion: v1
            kind: Service
            metadata: {name: api, namespace: shop}
            spec:
              selector: {app: api}
              ports:
              - {name: http, port: 80, targetPort: {{(c.NamedApiTarget ? "http" : "8080")}}}
              - {name: {{(c.AdminIsTcp ? "tcp-admin" : "admin")}}, port: 9090, targetPort: {{(c.NamedAdminTarget
                  ? "admin" : "9091")}}}

            """);
        if (c.UnresolvablePort)
        {
            text.Append("  - {name: metrics, port: 7070, targetPort: metrics}\n");
        }

        text.Append("""
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: shop}
            spec:
              selector: {app: db}
              ports: [{name: tcp-mysql, port: 3306}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: 8080}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: prom, namespace: ops}
            spec:
              selector: {app: prom}
              ports: [{name: http, port: 80, targetPort: 9100}]

            """);
        if (c.BatchService)
        {
            text.Append("""
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: batch, namespace: shop}
                spec:
                  selector: {role: batch}
                  ports: [{name: http, port: 80, targetPort: 8080}]

                """);
        }

        Workload(text, "api-v1", "shop", "api", "{app: api, version: v1, track: stable}",
            "[{name: http, containerPort: 8080}, {name: admin, containerPort: 9091}]");
        if (c.SecondApiWorkload)
        {
            Workload(text, "api-v2", "shop", "api", "{app: api, version: v2, track: canary}", c.SwapPorts
                ? "[{name: http, containerPort: 9091}, {name: admin, containerPort: 8080}]"
                : "[{name: http, containerPort: 8080}, {name: admin, containerPort: 9091}]");
        }

        Workload(text, "db", "shop", "db", "{app: db}", "[{name: mysql, containerPort: 3306}]");
        Workload(text, "web", "shop", "web", c.BatchService ? "{app: web}" : "{app: web, role: front}",
            "[{name: http, containerPort: 8080}]");
        Workload(text, "web-batch", "shop", "web", c.BatchService ? "{role: batch}" : "{app: web, role: batch}",
            "[{name: http, containerPort: 8080}]");
        Workload(text, "prom", "ops", "prom", "{app: prom}", "[{name: http, containerPort: 9100}]");
        Bindings(text, c.BindingSubsets);
        RouteGroup(text, c);
        TcpRoute(text, c);
        foreach (var (target, i) in c.Targets.Select((t, i) => (t, i)))
        {
            TrafficTarget(text, target, i);
        }

        return text.ToString();
    }

    private static void Workload(StringBuilder text, string name, string ns, string account, string labels,
        string ports) => text.Append(CultureInfo.InvariantCulture, $$"""
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: {{name}}, namespace: {{ns}}}
            spec:
              selector: {matchLabels: {{labels}}}
              template:
                metadata: {labels: {{labels}}}
                spec:
                  serviceAccountName: {{account}}
                  containers: [{name: main, image: example/{{name}}, ports: {{ports}}}]

            """);

    private static void Bindings(StringBuilder text, bool subsets)
    {
        text.Append(CultureInfo.InvariantCulture, $$"""
            ---
            apiVersion: access.smi-spec.io/v1alpha4
            kind: IdentityBinding
            metadata: {name: api-id, namespace: shop}
            spec:
              schemes:
                {{(subsets
                    ? "podLabelSelector: {matchLabels: {track: canary}}" : "serviceAccount: api")}}
            ---
            apiVersion: access.smi-spec.io/v1alpha4
            kind: IdentityBinding
            metadata: {name: web-id, namespace: shop}
            spec:
              schemes:
                {{(subsets ? "podLabelSelector: {matchLabels: {role: batch}}" : "serviceAccount: web")}}

            """);
    }

    private static void RouteGroup(StringBuilder text, Case c)
    {
        var methods = MethodSets[c.MethodSet];
        var body = new StringBuilder();
        if (!c.EmptyGroup)
        {
            body.Append(CultureInfo.InvariantCulture, $"- name: api\n  pathRegex: \"{c.PathRegex}\"\n");
            if (methods.Length > 0)
            {
                body.Append(CultureInfo.InvariantCulture, $"  methods: [{string.Join(", ", methods)}]\n");
            }

            body.Append(c.GroupVersion == "v1alpha1"
                ? "- name: canary\n  pathRegex: /canary\n  methods: [GET]\n"
                : "- name: canary\n  headers:\n  - X-Canary: \"on|yes\"\n");
        }

        var indented = c.GroupVersion is "v1alpha1" or "v1alpha2"
            ? "matches:\n" + (c.EmptyGroup ? "[]\n" : body.ToString())
            : "spec:\n  matches:" + (c.EmptyGroup ? " []\n" : "\n" + Indent(body.ToString(), "  "));
        if (c.EmptyGroup && c.GroupVersion is "v1alpha1" or "v1alpha2")
        {
            indented = "matches: []\n";
        }

        text.Append(CultureInfo.InvariantCulture, $"""
            ---
            apiVersion: specs.smi-spec.io/{c.GroupVersion}
            kind: HTTPRouteGroup
            metadata: {"{"}name: routes, namespace: shop{"}"}

            """).Append(indented);
    }

    private static void TcpRoute(StringBuilder text, Case c)
    {
        text.Append(CultureInfo.InvariantCulture, $"""
            ---
            apiVersion: specs.smi-spec.io/{c.TcpVersion}
            kind: TCPRoute
            metadata: {"{"}name: ports, namespace: shop{"}"}

            """);
        text.Append(c.TcpVersion switch
        {
            "v1alpha4" => $"spec: {{matches: {{ports: [{string.Join(", ", c.TcpPorts)}]}}}}\n",
            "v1alpha3" => "spec: {}\n",
            _ => string.Empty,
        });
    }

    private static void TrafficTarget(StringBuilder text, Target t, int index)
    {
        var destination = t.Destination switch
        {
            0 => "{kind: ServiceAccount, name: api, namespace: shop",
            1 => "{kind: ServiceAccount, name: db, namespace: shop",
            _ => "{kind: IdentityBinding, name: api-id, namespace: shop",
        } + (t.DestinationPort is { } port ? FormattableString.Invariant($", port: {port}}}") : "}");
        var rules = new List<string>();
        if (t.RouteGroup)
        {
            rules.Add(t.RouteMatches switch
            {
                0 => "{kind: HTTPRouteGroup, name: routes}",
                1 => "{kind: HTTPRouteGroup, name: routes, matches: [api]}",
                _ => "{kind: HTTPRouteGroup, name: routes, matches: [canary]}",
            });
        }

        if (t.TcpRoute)
        {
            rules.Add("{kind: TCPRoute, name: ports}");
        }

        string[] candidates = ["{kind: ServiceAccount, name: web, namespace: shop}",
            "{kind: ServiceAccount, name: prom, namespace: ops}",
            "{kind: ServiceAccount, name: api, namespace: shop}",
            t.Version == "v1alpha4"
                ? "{kind: IdentityBinding, name: web-id, namespace: shop}"
                : "{kind: ServiceAccount, name: db, namespace: shop}"];
        var sources = candidates.Where((_, i) => (t.Sources & (1 << i)) != 0).ToList();
        var body = $"""
            destination: {destination}
            {(t.Version == "v1alpha1" ? "specs" : "rules")}:
            {string.Join("\n", rules.Select(r => "- " + r))}
            sources:
            {string.Join("\n", sources.Select(s => "- " + s))}

            """;
        text.Append(CultureInfo.InvariantCulture, $"""
            ---
            apiVersion: access.smi-spec.io/{t.Version}
            kind: TrafficTarget
            metadata: {"{"}name: target-{index}, namespace: shop{"}"}

            """).Append(t.Version == "v1alpha1" ? body : "spec:\n" + Indent(body, "  "));
    }

    private static string Indent(string text, string prefix) => string.Concat(text
        .Split('\n')
        .Select(line => line.Length == 0 ? "\n" : prefix + line + "\n"))
        .TrimEnd('\n') + "\n";
}
