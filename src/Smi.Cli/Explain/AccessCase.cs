using Smi.Evaluation;

namespace Smi.Cli.Explain;

/// <summary>One request between a pod of the caller and a pod of the callee.</summary>
/// <param name="From">The calling pod, as the input names it (<c>ServiceAccount shop/web (Deployment web)</c>).</param>
/// <param name="To">The called pod and port, as the input names them.</param>
/// <param name="Request">The request the evaluators judge.</param>
internal sealed record AccessCase(string From, string To, AccessRequest Request);
