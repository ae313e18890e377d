using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.Consul;
using Smi.Adapters.GatewayApi;
using Smi.Adapters.Istio;
using Smi.Adapters.Linkerd;

namespace Smi.Evaluation.Tests;

/// <summary>Translates SMI input text for one mesh and pairs the output with that mesh's evaluators.</summary>
internal static class MeshTranslation
{
    public static MeshSnapshot Load(string yaml) =>
        SnapshotBuilder.FromLoadResult(new ManifestLoader().LoadText(yaml, "input.yaml"));

    public static IReadOnlyList<(string Mesh, IMeshTranslator Translator, ISplitEvaluator[] Evaluators)> Meshes
    { get; } =
    [
        ("istio", new IstioTranslator(new TranslationOptions(), new IstioOptions()),
            [new IstioVirtualServiceEvaluator()]),
        ("linkerd", new LinkerdTranslator(new TranslationOptions(), new LinkerdOptions()),
            [new LinkerdHttpRouteEvaluator(), new GatewayHttpRouteEvaluator(HttpRoutePrecedence.Istio)]),
        ("gateway-api", new GatewayApiTranslator(new TranslationOptions(), new GatewayApiOptions()),
            [new GatewayHttpRouteEvaluator(HttpRoutePrecedence.Specification),
                new GatewayHttpRouteEvaluator(HttpRoutePrecedence.Istio)]),
        ("consul", new ConsulTranslator(new TranslationOptions(), new ConsulOptions()),
            [new ConsulDiscoveryChainEvaluator()]),
    ];

    public static ImmutableArray<JsonObject> Output(TranslationResult result) =>
        [.. result.Resources.Select(r => r.ToJson())];

    public static MeshRequest Request(string path, string method = "GET", int port = 80, params string[] headers) =>
        new(path, method, headers.Select(h => h.Split(": ", 2)).ToDictionary(h => h[0], h => h[1]), port);
}
