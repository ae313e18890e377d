using System.Text.Json.Nodes;
using Smi.Evaluation;

namespace Smi.Cli.Explain;

/// <summary>
/// Gateway API without <c>--access-control</c>: it has no authorization resources, so nothing it generates stops a
/// request.
/// </summary>
internal sealed class NoAccessControlEvaluator : IAccessEvaluator
{
    /// <inheritdoc/>
    public AccessDecision Evaluate(IReadOnlyList<JsonObject> resources, AccessRequest request) =>
        AccessDecision.Allow("Gateway API has no authorization resources (--access-control none)");
}
