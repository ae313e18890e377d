using System.Collections.Immutable;
using Smi.Evaluation;

namespace Smi.Cli.Explain;

/// <summary>The request <c>smi explain --from ... --to ...</c> asks about.</summary>
/// <param name="From">The caller.</param>
/// <param name="To">The callee.</param>
/// <param name="Port">
/// The port as given (a number or a name): a Service port for a Service, else a container port; null when the
/// callee has one port only.
/// </param>
/// <param name="Protocol">The protocol given with <c>--protocol</c>; null to take it from the port.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The HTTP path.</param>
/// <param name="Headers">The HTTP headers.</param>
internal sealed record AccessQuery(
    AccessEndpoint From,
    AccessEndpoint To,
    string? Port,
    AccessProtocol? Protocol,
    string Method,
    string Path,
    ImmutableDictionary<string, string> Headers);
