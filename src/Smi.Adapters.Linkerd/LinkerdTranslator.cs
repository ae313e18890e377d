using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.Linkerd.Access;
using Smi.Adapters.Linkerd.Splits;

namespace Smi.Adapters.Linkerd;

/// <summary>
/// Translates SMI into Linkerd 2.20 resources. TrafficSplits become HTTPRoutes with a Service parent per root port
/// (A/B matches first, a catch-all back to the root last) or, with <see cref="LinkerdOptions.ServiceProfile"/>,
/// ServiceProfile <c>dstOverrides</c>. TrafficTargets become a Server per destination container port with
/// AuthorizationPolicies and MeshTLSAuthentications, and HTTPRoutes on the Server for HTTPRouteGroup rules.
/// </summary>
/// <param name="options">The shared translation options.</param>
/// <param name="linkerdOptions">The Linkerd options.</param>
public sealed class LinkerdTranslator(TranslationOptions options, LinkerdOptions linkerdOptions) : IMeshTranslator
{
    /// <summary>The mesh name, <c>linkerd</c>.</summary>
    public const string MeshName = "linkerd";

    private readonly TranslationOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly LinkerdOptions _linkerdOptions = linkerdOptions
        ?? throw new ArgumentNullException(nameof(linkerdOptions));

    /// <inheritdoc/>
    public string Mesh => MeshName;

    /// <inheritdoc/>
    public TranslationResult Translate(MeshSnapshot snapshot, IReadOnlySet<UnitKey>? units = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var output = new TranslationOutput(MeshName, units);
        new SplitTranslation(snapshot, _options, _linkerdOptions, output).TranslateAll();
        new AccessTranslation(snapshot, _options, _linkerdOptions, output).TranslateAll();
        return output.ToResult();
    }
}
