using Smi.Evaluation;

namespace Smi.Cli.Explain;

/// <summary>The evaluator that reads where a mesh's generated resources send a request.</summary>
internal static class MeshSplitEvaluators
{
    /// <summary>The evaluator for a mesh name, or <see langword="null"/> when the mesh has none.</summary>
    public static ISplitEvaluator? For(string mesh) => mesh switch
    {
        "istio" => new IstioVirtualServiceEvaluator(),
        "linkerd" => new LinkerdHttpRouteEvaluator(),
        "gateway-api" => new GatewayHttpRouteEvaluator(HttpRoutePrecedence.Specification),
        "consul" => new ConsulDiscoveryChainEvaluator(),
        _ => null,
    };
}
