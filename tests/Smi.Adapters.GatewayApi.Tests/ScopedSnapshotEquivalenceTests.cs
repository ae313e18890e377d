using CsCheck;
using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.Consul;
using Smi.Adapters.Istio;
using Smi.Adapters.Linkerd;
using Smi.Testing;

namespace Smi.Adapters.GatewayApi.Tests;

/// <summary>
/// A unit translated on the snapshot of the namespaces it reads (<see cref="SnapshotScope"/>), as the controller's
/// change passes do, gives what it gives on the snapshot of the whole fleet: the same generated resources, serialized,
/// and the same diagnostics about its inputs, for every adapter and every unit, on every golden input and on random
/// fleets over a few namespaces. Consul is checked with Consul namespaces mirrored: with one Consul namespace its
/// service names are one scope over every namespace, and the controller gives it the whole fleet.
/// </summary>
public sealed class ScopedSnapshotEquivalenceTests
{
    private const string Seed = "0ScopeEq1x2Y";
    private static readonly string[] Namespaces = ["a", "b", "c"];
    private static readonly string[] Apps = ["x", "y"];

    private static IMeshTranslator[] Translators() =>
    [
        new IstioTranslator(new TranslationOptions { DefaultDeny = true }, new IstioOptions()),
        new LinkerdTranslator(new TranslationOptions { DefaultDeny = true }, new LinkerdOptions()),
        new ConsulTranslator(
            new TranslationOptions { DefaultDeny = true }, new ConsulOptions { Namespaces = ConsulNamespaces.Mirror }),
        new GatewayApiTranslator(
            new TranslationOptions { DefaultDeny = true },
            new GatewayApiOptions { AccessControl = GatewayApiAccessControl.Istio, TcpRoutes = true }),
        new GatewayApiTranslator(new TranslationOptions(), new GatewayApiOptions()),
    ];

    public static TheoryData<string> Cases => GoldenCases.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void GoldenInput_EachUnitOnItsScope_EqualsTheWholeSnapshot(string caseName)
    {
        var text = File.ReadAllText(Path.Combine(GoldenCases.Folder(caseName), "input.yaml"));
        var failure = Compare(text);
        Assert.True(failure is null, failure);
    }

    [Fact]
    public void RandomFleet_EachUnitOnItsScope_EqualsTheWholeSnapshot()
    {
        // TrafficTargets, routes and IdentityBindings weigh more: a TrafficTarget is valid, and so a unit, only when
        // its routes and bindings exist, in its namespace and in its sources'.
        var weights = new[] { 1, 2, 2, 1, 2, 1, 3, 4 };
        Gen.Frequency([.. ObjectGens.Zip(weights, (gen, weight) => (weight, gen))]).Array[2, 18].Sample(
            documents =>
            {
                if (Compare(string.Join("---\n", documents)) is { } failure)
                {
                    throw new InvalidOperationException(failure);
                }
            },
            seed: Seed,
            iter: 300,
            threads: 1,
            print: documents => string.Join("---\n", documents));
    }

    /// <summary>Compares every unit of every adapter; the first difference, or null.</summary>
    private static string? Compare(string yaml)
    {
        var loaded = new ManifestLoader().LoadText(yaml, "input.yaml");
        var entries = loaded.Objects.Select(o => SnapshotEntry.From(o.Resource, o.Location)).OfType<SnapshotEntry>()
            .ToList();
        var builder = new SnapshotBuilder();
        entries.ForEach(e => builder.Add(e));
        var whole = builder.Build();
        var index = new IncrementalUnitIndex();
        index.Rebuild(whole);
        var byNamespace = entries.ToLookup(e => SnapshotScope.NamespaceOf(e.Ref), StringComparer.Ordinal);
        IEnumerable<SnapshotEntry> EntriesIn(string ns) => byNamespace[ns];
        foreach (var unit in index.Units.Values)
        {
            var scope = SnapshotScope.Namespaces(unit.Inputs.Select(SnapshotScope.NamespaceOf), EntriesIn);
            var part = SnapshotScope.Build(scope, EntriesIn);
            index.Attach(part);
            var inputs = unit.Inputs.ToHashSet();
            var wholeInput = About(whole.Diagnostics, inputs);
            var partInput = About(part.Diagnostics, inputs);
            if (wholeInput != partInput)
            {
                return $"{unit.Key} on [{string.Join(",", scope)}]: input diagnostics differ\nwhole:\n{wholeInput}"
                    + $"\npart:\n{partInput}";
            }

            foreach (var translator in Translators())
            {
                var units = new HashSet<UnitKey> { unit.Key };
                var expected = translator.Translate(whole, units);
                var actual = translator.Translate(part, units);
                var expectedYaml = Serialized(expected);
                var actualYaml = Serialized(actual);
                if (expectedYaml != actualYaml)
                {
                    return $"{translator.Mesh} {unit.Key} on [{string.Join(",", scope)}]: resources differ\nwhole:\n"
                        + $"{expectedYaml}\npart:\n{actualYaml}";
                }

                var expectedDiagnostics = About(expected.Diagnostics, inputs);
                var actualDiagnostics = About(actual.Diagnostics, inputs);
                if (expectedDiagnostics != actualDiagnostics)
                {
                    return $"{translator.Mesh} {unit.Key} on [{string.Join(",", scope)}]: diagnostics differ\nwhole:\n"
                        + $"{expectedDiagnostics}\npart:\n{actualDiagnostics}";
                }
            }
        }

        return null;
    }

    private static string Serialized(TranslationResult result) =>
        ManifestWriter.ToYaml(result.Resources.Select(r => r.ToJson()))
        + string.Join("\n", result.Resources.Select(r => r.Unit.ToString()));

    private static string About(IEnumerable<Diagnostic> diagnostics, HashSet<ResourceRef> inputs) =>
        GoldenTranslation.FormatDiagnostics(diagnostics.Where(d => d.Object is null || inputs.Contains(d.Object)));

    private static readonly Gen<string> Ns = Gen.OneOf(Namespaces);
    private static readonly Gen<string> App = Gen.OneOf(Apps);

    private static readonly Gen<string> Identity = Gen.Select(Gen.Bool, App, Ns, (binding, name, ns) =>
        $"{{kind: {(binding ? "IdentityBinding" : "ServiceAccount")}, name: {name}, namespace: {ns}}}");

    /// <summary>One random object over a few namespaces and apps, as YAML.</summary>
    internal static readonly Gen<string>[] ObjectGens =
    [
        Ns.Select(ns => $"apiVersion: v1\nkind: Namespace\nmetadata: {{name: {ns}}}\n"),
        Gen.Select(Ns, App, App, Gen.Bool, (ns, name, app, named) =>
            $"apiVersion: v1\nkind: Service\nmetadata: {{name: {name}, namespace: {ns}}}\nspec:\n"
            + $"  selector: {{app: {app}}}\n"
            + $"  ports: [{{name: http, port: 80, targetPort: {(named ? "http" : "8080")}}}]\n"),
        Gen.Select(Ns, App, App, Gen.Bool, (ns, name, account, ports) =>
            $"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}, namespace: {ns}}}\nspec:\n"
            + $"  selector: {{matchLabels: {{app: {name}}}}}\n  template:\n    metadata: {{labels: {{app: {name}}}}}\n"
            + $"    spec:\n      serviceAccountName: {account}\n      containers:\n      - {{name: c, image: i"
            + (ports ? ", ports: [{name: http, containerPort: 8080}, {containerPort: 9000}]}\n" : "}\n")),
        Gen.Select(Ns, App, App, App.Array[1, 3], Gen.Bool, (ns, name, root, backends, matches) =>
            $"apiVersion: split.smi-spec.io/v1alpha4\nkind: TrafficSplit\nmetadata: {{name: {name}, namespace: {ns}}}\n"
            + $"spec:\n  service: {root}\n"
            + (matches ? $"  matches:\n  - {{kind: HTTPRouteGroup, name: {root}}}\n" : string.Empty)
            + "  backends:\n"
            + string.Concat(backends.Distinct().Select((b, i) => $"  - {{service: {b}, weight: {(i + 1) * 10}}}\n"))),
        Gen.Select(Ns, App, (ns, name) =>
            $"apiVersion: specs.smi-spec.io/v1alpha4\nkind: HTTPRouteGroup\nmetadata: {{name: {name}, namespace: {ns}}}"
            + "\nspec:\n  matches:\n  - {name: api, pathRegex: /api, methods: [GET]}\n"),
        Gen.Select(Ns, App, Gen.Bool, (ns, name, all) =>
            $"apiVersion: specs.smi-spec.io/v1alpha4\nkind: TCPRoute\nmetadata: {{name: {name}, namespace: {ns}}}\n"
            + (all ? "spec: {}\n" : "spec:\n  matches:\n    ports: [80]\n")),
        Gen.Select(Ns, App, App, Gen.Bool, (ns, name, account, labels) =>
            "apiVersion: access.smi-spec.io/v1alpha4\nkind: IdentityBinding\n"
            + $"metadata: {{name: {name}, namespace: {ns}}}\nspec:\n  schemes:\n"
            + (labels ? $"    podLabelSelector:\n      matchLabels: {{app: {account}}}\n"
                : $"    serviceAccount: {account}\n")),
        Gen.Select(Ns, App, Identity, Identity.Array[1, 2], App, Gen.Bool, (ns, name, target, sources, rule, tcp) =>
            $"apiVersion: access.smi-spec.io/v1alpha4\nkind: TrafficTarget\nmetadata: {{name: {name}, namespace: {ns}}}"
            + $"\nspec:\n  destination: {target}\n  rules:\n"
            + (tcp ? $"  - {{kind: TCPRoute, name: {rule}}}\n"
                : $"  - {{kind: HTTPRouteGroup, name: {rule}, matches: [api]}}\n")
            + "  sources:\n" + string.Concat(sources.Select(s => $"  - {s}\n"))),
    ];

}
