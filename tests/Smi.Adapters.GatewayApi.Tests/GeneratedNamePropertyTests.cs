using System.Text;
using CsCheck;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.Istio;
using Smi.Adapters.Linkerd;
using Smi.Testing;

namespace Smi.Adapters.GatewayApi.Tests;

/// <summary>
/// Generated ServiceAccount, IdentityBinding and TrafficTarget names, built from the fragments that made names
/// collide (dots against dashes, <c>binding</c>, <c>default-deny</c>, <c>all</c>, port numbers): the Istio and
/// Linkerd access outputs (those the Gateway API adapter delegates to) never give two objects one API group, kind,
/// namespace and name, and no object is refused for a name conflict.
/// </summary>
public sealed class GeneratedNamePropertyTests
{
    private static readonly string Seed = PropertySeed.Or("0b4sbJ1nRWJ4");

    private static readonly string[] Fragments = ["web", "v1", "binding", "default", "deny", "smi", "all", "8080"];

    private static readonly Gen<string> NameGen =
        Gen.Select(Gen.OneOf(Fragments).Array[1, 3], Gen.OneOf('-', '.').Array[2], (parts, separators) =>
        {
            var name = new StringBuilder(parts[0]);
            for (var i = 1; i < parts.Length; i++)
            {
                name.Append(separators[i - 1]).Append(parts[i]);
            }

            return name.ToString();
        });

    private static readonly Gen<(string[] Accounts, string[] Bindings, string[] Targets)> CaseGen =
        Gen.Select(NameGen.Array[1, 5], NameGen.Array[0, 3], NameGen.Array[1, 6], (accounts, bindings, targets) =>
            (accounts.Distinct().ToArray(), bindings.Distinct().ToArray(), targets.Distinct().ToArray()));

    [Fact]
    public void GeneratedNames_NeverShareKindNamespaceAndName()
    {
        IMeshTranslator[] translators =
        [
            new IstioTranslator(new TranslationOptions { DefaultDeny = true }, new IstioOptions()),
            new LinkerdTranslator(new TranslationOptions { DefaultDeny = true }, new LinkerdOptions()),
        ];
        CaseGen.Sample(
            c =>
            {
                var snapshot = SnapshotBuilder.FromLoadResult(new ManifestLoader().LoadText(Input(c), "input.yaml"));
                foreach (var translator in translators)
                {
                    var result = translator.Translate(snapshot);
                    var conflict = result.Diagnostics.FirstOrDefault(d => d.Reason == "OutputNameConflict");
                    if (conflict is not null)
                    {
                        throw new InvalidOperationException($"{translator.Mesh}: {conflict}");
                    }

                    var duplicate = result.Resources
                        .GroupBy(r => (r.Ref.ApiVersion.Split('/')[0], r.Ref.Kind, r.Ref.Namespace, r.Ref.Name))
                        .FirstOrDefault(g => g.Count() > 1);
                    if (duplicate is not null)
                    {
                        throw new InvalidOperationException($"{translator.Mesh}: {duplicate.Key} is used twice");
                    }

                    var destinations = c.Accounts.Length + c.Bindings.Length;
                    var policies = result.Resources.Count(r => r.Ref.Kind == "AuthorizationPolicy");
                    if (translator.Mesh == IstioTranslator.MeshName && policies != destinations + 1)
                    {
                        throw new InvalidOperationException(
                            $"istio: {policies} AuthorizationPolicies for {destinations} destinations and deny-all");
                    }
                }
            },
            seed: Seed,
            iter: 400,
            threads: 1,
            print: c => $"accounts [{string.Join(", ", c.Accounts)}] bindings [{string.Join(", ", c.Bindings)}] "
                + $"targets [{string.Join(", ", c.Targets)}]");
    }

    /// <summary>
    /// One Deployment per ServiceAccount, one more per IdentityBinding (its own account <c>bound-&lt;i&gt;</c>), and
    /// per destination one TrafficTarget named from <paramref name="c"/>'s targets (cycled, suffixed when reused).
    /// </summary>
    private static string Input((string[] Accounts, string[] Bindings, string[] Targets) c)
    {
        var documents = new List<string>
        {
            "apiVersion: specs.smi-spec.io/v1alpha4\nkind: HTTPRouteGroup\nmetadata: {name: routes, namespace: ns}\n"
                + "spec:\n  matches:\n  - {name: x, pathRegex: /x, methods: [GET]}\n",
            Deployment("client", "client"),
        };
        var destinations = new List<(string Kind, string Name)>();
        for (var i = 0; i < c.Accounts.Length; i++)
        {
            documents.Add(Deployment($"a{i}", c.Accounts[i]));
            destinations.Add(("ServiceAccount", c.Accounts[i]));
        }

        for (var i = 0; i < c.Bindings.Length; i++)
        {
            documents.Add(Deployment($"b{i}", $"bound-{i}"));
            documents.Add($"apiVersion: access.smi-spec.io/v1alpha4\nkind: IdentityBinding\n"
                + $"metadata: {{name: '{c.Bindings[i]}', namespace: ns}}\nspec:\n  schemes:\n"
                + $"    serviceAccount: bound-{i}\n");
            destinations.Add(("IdentityBinding", c.Bindings[i]));
        }

        for (var i = 0; i < destinations.Count; i++)
        {
            var target = c.Targets[i % c.Targets.Length] + (i < c.Targets.Length ? string.Empty : $"-t{i}");
            documents.Add($"apiVersion: access.smi-spec.io/v1alpha4\nkind: TrafficTarget\n"
                + $"metadata: {{name: '{target}', namespace: ns}}\nspec:\n"
                + $"  destination: {{kind: {destinations[i].Kind}, name: '{destinations[i].Name}', namespace: ns}}\n"
                + "  rules:\n  - {kind: HTTPRouteGroup, name: routes}\n"
                + "  sources:\n  - {kind: ServiceAccount, name: client, namespace: ns}\n");
        }

        return string.Join("---\n", documents);
    }

    private static string Deployment(string app, string account) =>
        $"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {app}, namespace: ns}}\nspec:\n"
            + $"  selector: {{matchLabels: {{app: {app}}}}}\n  template:\n    metadata: {{labels: {{app: {app}}}}}\n"
            + $"    spec:\n      serviceAccountName: '{account}'\n      containers:\n"
            + "      - {name: main, image: example/main:1.0, ports: [{containerPort: 8080}]}\n";
}
