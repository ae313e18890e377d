using Smi.Evaluation;

namespace Smi.Cli.Explain;

/// <summary>A kind of request to a root Service and one request of that kind.</summary>
/// <param name="Description">What the requests of this class have in common.</param>
/// <param name="Sample">One request of the class, or <see langword="null"/> when none could be built.</param>
internal sealed record RequestClass(string Description, MeshRequest? Sample);
