using System.Text.Json.Nodes;

namespace Smi.Evaluation;

/// <summary>Decides, from the resources written for one mesh, whether the mesh lets a request through.</summary>
public interface IAccessEvaluator
{
    /// <summary>Allow or deny one request.</summary>
    /// <param name="resources">The generated resources, as JSON objects (the other kinds are ignored).</param>
    /// <param name="request">The request.</param>
    /// <returns>The decision.</returns>
    AccessDecision Evaluate(IReadOnlyList<JsonObject> resources, AccessRequest request);
}
