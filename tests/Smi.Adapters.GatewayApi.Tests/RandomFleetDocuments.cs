using CsCheck;

namespace Smi.Adapters.GatewayApi.Tests;

/// <summary>
/// Random fleets of SMI and context documents over a few namespaces and names, so that references between them
/// (split roots and backends, route groups, identities, bindings) often resolve and often do not.
/// </summary>
internal static class RandomFleetDocuments
{
    private static readonly string[] Namespaces = ["a", "b", "c"];
    private static readonly string[] Apps = ["x", "y"];

    private static readonly Gen<string> Ns = Gen.OneOf(Namespaces);
    private static readonly Gen<string> App = Gen.OneOf(Apps);

    private static readonly Gen<string> Identity = Gen.Select(Gen.Bool, App, Ns, (binding, name, ns) =>
        $"{{kind: {(binding ? "IdentityBinding" : "ServiceAccount")}, name: {name}, namespace: {ns}}}");

    private static readonly Gen<string>[] ObjectGens =
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

    /// <summary>
    /// One document of any kind. TrafficTargets, routes and IdentityBindings weigh more: a TrafficTarget is valid,
    /// and so a unit, only when its routes and bindings exist, in its namespace and in its sources'.
    /// </summary>
    public static readonly Gen<string> Document =
        Gen.Frequency([.. ObjectGens.Zip(new[] { 1, 2, 2, 1, 2, 1, 3, 4 }, (gen, weight) => (weight, gen))]);

    /// <summary>A fleet of 2 to 18 documents.</summary>
    public static readonly Gen<string[]> Fleet = Document.Array[2, 18];
}
