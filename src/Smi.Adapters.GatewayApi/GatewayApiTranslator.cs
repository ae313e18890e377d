using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.GatewayApi.Access;
using Smi.Adapters.GatewayApi.Splits;
using Smi.Adapters.Istio;
using Smi.Adapters.Linkerd;

namespace Smi.Adapters.GatewayApi;

/// <summary>
/// Translates SMI into Gateway API routes with Service parents (GAMMA), which Istio, Linkerd and other meshes
/// implement: an HTTPRoute per root port (A/B matches first, a catch-all back to the root or the plain split last)
/// and, with <see cref="GatewayApiOptions.TcpRoutes"/>, a TCPRoute per opaque TCP root port. Gateway API has no
/// access control: TrafficTargets go to the Istio or Linkerd adapter (<see cref="GatewayApiOptions.AccessControl"/>),
/// or each gets an error diagnostic.
/// </summary>
public sealed class GatewayApiTranslator : IMeshTranslator
{
    /// <summary>The mesh name, <c>gateway-api</c>.</summary>
    public const string MeshName = "gateway-api";

    private readonly GatewayApiOptions _gatewayApiOptions;
    private readonly IMeshTranslator? _accessControl;

    /// <summary>
    /// Creates the translator; TrafficTargets go to the Istio or Linkerd translator with their default options.
    /// Register <see cref="GatewayApiAdapter"/> instead to delegate to the translator registered with the user's
    /// options.
    /// </summary>
    /// <param name="options">The shared translation options.</param>
    /// <param name="gatewayApiOptions">The Gateway API options.</param>
    public GatewayApiTranslator(TranslationOptions options, GatewayApiOptions gatewayApiOptions)
        : this(options, gatewayApiOptions, DefaultAccessControl(options, gatewayApiOptions))
    {
    }

    /// <summary>Creates the translator with the translator TrafficTargets are delegated to.</summary>
    /// <param name="options">The shared translation options.</param>
    /// <param name="gatewayApiOptions">The Gateway API options.</param>
    /// <param name="accessControl">
    /// The translator of <see cref="GatewayApiOptions.AccessControl"/>; <see langword="null"/> when it is
    /// <see cref="GatewayApiAccessControl.None"/>.
    /// </param>
    public GatewayApiTranslator(
        TranslationOptions options, GatewayApiOptions gatewayApiOptions, IMeshTranslator? accessControl)
    {
        ArgumentNullException.ThrowIfNull(options);
        _gatewayApiOptions = gatewayApiOptions ?? throw new ArgumentNullException(nameof(gatewayApiOptions));
        _accessControl = _gatewayApiOptions.AccessControl == GatewayApiAccessControl.None ? null : accessControl
            ?? throw new ArgumentException(
                $"Access control {_gatewayApiOptions.AccessControl} needs its translator.", nameof(accessControl));
    }

    /// <inheritdoc/>
    public string Mesh => MeshName;

    /// <summary>The Gateway API options in effect.</summary>
    internal GatewayApiOptions Options => _gatewayApiOptions;

    /// <inheritdoc/>
    public TranslationResult Translate(MeshSnapshot snapshot, IReadOnlySet<UnitKey>? units = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var output = new TranslationOutput(MeshName, units);
        new SplitTranslation(snapshot, _gatewayApiOptions, output).TranslateAll();
        new AccessDelegation(_accessControl).Translate(snapshot, output);
        return output.ToResult();
    }

    private static IMeshTranslator? DefaultAccessControl(
        TranslationOptions options, GatewayApiOptions gatewayApiOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gatewayApiOptions);
        return gatewayApiOptions.AccessControl switch
        {
            GatewayApiAccessControl.Istio => new IstioTranslator(options, new IstioOptions()),
            GatewayApiAccessControl.Linkerd => new LinkerdTranslator(options, new LinkerdOptions()),
            _ => null,
        };
    }
}
