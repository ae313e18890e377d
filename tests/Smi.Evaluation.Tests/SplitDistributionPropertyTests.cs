using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Smi.Abstractions.Diagnostics;
using Smi.Testing;

namespace Smi.Evaluation.Tests;

/// <summary>
/// Generated TrafficSplits of every version (2-10 backends, weights 0 to 1,000,000, v1alpha1 quantities, A/B matches
/// on path, method and headers) translated for every mesh: for generated requests, near misses included, the
/// distribution each evaluator computes from the output equals SMI's within half a percentage point, or the
/// translation says how it differs: an error (the mesh refuses the split), or a warning naming each backend whose
/// share moved. A warning that names ports as <c>(port N)</c> excuses requests on those ports only; one that names no
/// port speaks of the whole root, so it excuses a backend's deviation only where that backend deviates alike on
/// every root port. Some cases give the root a second port (9090) that some backends lack.
/// </summary>
public class SplitDistributionPropertyTests
{
    private static readonly string Seed = PropertySeed.Or("0N0XIzNsQ0O3");

    private const decimal TolerancePoints = 0.5m;

    private static readonly string[] Versions = ["v1alpha1", "v1alpha2", "v1alpha3", "v1alpha4"];

    private static readonly string[] PathRegexes = ["", "/api", "/api|/status$", "/v[0-9]+/items", "/status$"];

    private static readonly string[][] MethodSets = [[], ["GET"], ["GET", "POST"], ["*"]];

    private static readonly string[] Paths =
        ["/", "/api", "/api/orders", "/apix", "/ap", "/status", "/status/x", "/v1/items", "/v/items", "/x/api"];

    private static readonly string[] Methods = ["GET", "POST", "PUT"];

    private static readonly string?[] CanaryValues = [null, "on", "yes", "onn", "ON"];

    private sealed record Case(
        string Version, bool Quantities, int[] Weights, bool HasAb, string PathRegex, int MethodSet, bool Header,
        int[] AbWeights, bool[] LacksAdminPort)
    {
        public override string ToString() =>
            FormattableString.Invariant($"{Version}{(Quantities ? " milli" : string.Empty)} ")
            + FormattableString.Invariant($"weights [{string.Join(", ", Weights)}]")
            + (HasAb
                ? FormattableString.Invariant($"; A/B path '{PathRegex}' ")
                    + FormattableString.Invariant($"methods [{string.Join(",", MethodSets[MethodSet])}]")
                    + FormattableString.Invariant($" header {Header} weights [{string.Join(", ", AbWeights)}]")
                : string.Empty)
            + (LacksAdminPort.Any(l => l)
                ? "; port 9090 missing on ["
                    + string.Join(", ", LacksAdminPort.Select((l, i) => l ? i : -1).Where(i => i >= 0)) + "]"
                : string.Empty);
    }

    private static readonly Gen<Case> CaseGen =
        from count in Gen.Int[2, 10]
        from version in Gen.OneOf(Versions)
        from quantities in Gen.Bool
        from weights in Gen.OneOf(Gen.Int[0, 1_000_000], Gen.Int[0, 3], Gen.Int[999_990, 1_000_000]).Array[count]
        from hasAb in Gen.Bool
        from pathRegex in Gen.OneOf(PathRegexes)
        from methodSet in Gen.Int[0, MethodSets.Length - 1]
        from header in Gen.Bool
        from single in Gen.Bool
        from abWeights in Gen.Int[0, 1_000_000].Array[count]
        from multiPort in Gen.Bool
        from lacks in Gen.Bool.Array[count]
        select new Case(version, quantities && version == "v1alpha1", Positive(weights), hasAb, pathRegex, methodSet,
            header, single ? [.. abWeights.Select((_, i) => i == 1 ? 100 : 0)] : Positive(abWeights),
            [.. lacks.Select((l, i) => multiPort && i > 0 && l)]);

    [Fact]
    public void EveryMeshEvaluatesToSmisDistribution_OrWarns()
    {
        CaseGen.Sample(
            c =>
            {
                var snapshot = MeshTranslation.Load(Input(c));
                foreach (var (mesh, translator, evaluators) in MeshTranslation.Meshes)
                {
                    var result = translator.Translate(snapshot);
                    var output = MeshTranslation.Output(result);
                    if (result.Diagnostics.Any(d => d.Severity is DiagnosticSeverity.Error))
                    {
                        continue;
                    }

                    var warnings = result.Diagnostics
                        .Where(d => d.Severity is DiagnosticSeverity.Warning)
                        .Select(d => d.Message)
                        .ToList();
                    var rootPorts = c.LacksAdminPort.Any(l => l) ? new[] { 80, 9090 } : [80];
                    foreach (var request in Requests(c.LacksAdminPort.Any(l => l)))
                    {
                        var wanted = SmiSplitEvaluator.Evaluate(snapshot, "shop", "web", request);
                        foreach (var evaluator in evaluators)
                        {
                            var got = evaluator.Evaluate(output, "shop", "web", request);
                            bool MovedOnEveryPort(string backend) => rootPorts.All(port =>
                            {
                                var twin = request with { Port = port };
                                return Moved(
                                        SmiSplitEvaluator.Evaluate(snapshot, "shop", "web", twin),
                                        evaluator.Evaluate(output, "shop", "web", twin))
                                    .Contains(backend, StringComparer.Ordinal);
                            });
                            var unexcused = Moved(wanted, got)
                                .Where(b => !warnings.Any(w => Excuses(w, b, request.Port, MovedOnEveryPort)))
                                .ToList();
                            if (unexcused.Count > 0)
                            {
                                throw new InvalidOperationException(
                                    $"{mesh} ({evaluator.GetType().Name}{Variant(evaluator)}), {request}: SMI wants "
                                    + $"{wanted}, the output gives {got}, and no warning names "
                                    + $"{string.Join(", ", unexcused)}");
                            }
                        }
                    }
                }
            },
            seed: Seed,
            iter: 200,
            threads: 1,
            print: c => c.ToString());
    }

    /// <summary>
    /// The Services whose share differs by more than the tolerance (all of them when one side routes nothing).
    /// </summary>
    private static IEnumerable<string> Moved(TrafficDistribution wanted, TrafficDistribution got) =>
        wanted.Shares.Keys.Union(got.Shares.Keys).Order(StringComparer.Ordinal)
            .Where(k => wanted.Shares.IsEmpty != got.Shares.IsEmpty
                || Math.Abs(wanted.Shares.GetValueOrDefault(k) - got.Shares.GetValueOrDefault(k)) * 100m
                    > TolerancePoints);

    /// <summary>
    /// Whether a warning excuses a backend's deviation on a port: it names the Service as a whole word, and it names
    /// that port, or it names no port and the backend deviates on every root port (a whole-root warning).
    /// </summary>
    private static bool Excuses(string warning, string service, int port, Func<string, bool> movedOnEveryPort)
    {
        if (!Regex.IsMatch(warning, $@"(?<![\w-]){Regex.Escape(service)}(?![\w-])"))
        {
            return false;
        }

        var ports = Regex.Matches(warning, @"\(port (\d+)\)").Select(m => int.Parse(m.Groups[1].Value,
            CultureInfo.InvariantCulture)).ToList();
        return ports.Count == 0 ? movedOnEveryPort(service) : ports.Contains(port);
    }

    private static string Variant(ISplitEvaluator evaluator) =>
        evaluator is GatewayHttpRouteEvaluator g ? $" {g.Precedence}" : string.Empty;

    private static int[] Positive(int[] weights) => weights.All(w => w == 0) ? [1, .. weights.Skip(1)] : weights;

    private static IEnumerable<MeshRequest> Requests(bool adminPort)
    {
        for (var i = 0; adminPort && i < Paths.Length; i++)
        {
            yield return MeshTranslation.Request(Paths[i], "GET", 9090);
            yield return MeshTranslation.Request(Paths[i], "POST", 9090, "X-Canary: on");
        }

        foreach (var path in Paths)
        {
            foreach (var method in Methods)
            {
                foreach (var canary in CanaryValues)
                {
                    yield return canary is null
                        ? MeshTranslation.Request(path, method)
                        : MeshTranslation.Request(path, method, 80, $"X-Canary: {canary}");
                }
            }
        }
    }

    private static string Input(Case c)
    {
        var text = new StringBuilder();
        var multiPort = c.LacksAdminPort.Any(l => l);
        var names = new[] { "web" }.Concat(c.Weights.Select((_, i) => $"web-{i}"));
        foreach (var (name, index) in names.Select((n, i) => (n, i - 1)))
        {
            var ports = multiPort && (index < 0 || !c.LacksAdminPort[index])
                ? "[{name: http, port: 80}, {name: http-admin, port: 9090}]"
                : "[{name: http, port: 80}]";
            text.Append(CultureInfo.InvariantCulture, $"""
                ---
                apiVersion: v1
                kind: Service
                metadata: {"{"}name: {name}, namespace: shop{"}"}
                spec:
                  selector: {"{"}app: {name}{"}"}
                  ports: {ports}

                """);
        }

        text.Append(CultureInfo.InvariantCulture, $"""
            ---
            apiVersion: split.smi-spec.io/{c.Version}
            kind: TrafficSplit
            metadata: {"{"}name: web-split, namespace: shop{"}"}
            spec:
              service: web
              backends:

            """);
        foreach (var (weight, i) in c.Weights.Select((w, i) => (w, i)))
        {
            var value = c.Quantities ? $"{weight}m" : weight.ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"  - {"{"}service: web-{i}, weight: {value}{"}"}\n");
        }

        if (!c.HasAb)
        {
            return text.ToString();
        }

        var methods = MethodSets[c.MethodSet];
        text.Append("""
            ---
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: canary-group, namespace: shop}
            spec:
              matches:
              - name: canary

            """);
        if (c.PathRegex.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"    pathRegex: \"{c.PathRegex}\"\n");
        }

        if (methods.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"    methods: [{string.Join(", ", methods)}]\n");
        }

        if (c.Header)
        {
            text.Append("    headers:\n    - X-Canary: \"on|yes\"\n");
        }

        text.Append("""
            ---
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: web-ab, namespace: shop}
            spec:
              service: web
              matches:
              - {kind: HTTPRouteGroup, name: canary-group}
              backends:

            """);
        foreach (var (weight, i) in c.AbWeights.Select((w, i) => (w, i)))
        {
            text.Append(CultureInfo.InvariantCulture, $"  - {"{"}service: web-{i}, weight: {weight}{"}"}\n");
        }

        return text.ToString();
    }
}
