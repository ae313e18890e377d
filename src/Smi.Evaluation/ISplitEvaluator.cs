using System.Text.Json.Nodes;

namespace Smi.Evaluation;

/// <summary>Computes, from the resources written for one mesh, where the traffic of a request goes.</summary>
public interface ISplitEvaluator
{
    /// <summary>The share each backend gets of a request sent to a root Service.</summary>
    /// <param name="resources">The generated resources, as JSON objects (the other kinds are ignored).</param>
    /// <param name="ns">The namespace of the root Service.</param>
    /// <param name="rootService">The root Service name.</param>
    /// <param name="request">The request.</param>
    /// <returns>The distribution.</returns>
    TrafficDistribution Evaluate(
        IReadOnlyList<JsonObject> resources, string ns, string rootService, MeshRequest request);
}
