using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Smi.Abstractions.Adapters;
using Smi.Abstractions.Translation;
using Smi.Adapters.Istio;
using Smi.Adapters.Linkerd;

namespace Smi.Adapters.GatewayApi;

/// <summary>
/// The Gateway API (GAMMA) adapter: <see cref="GatewayApiTranslator"/> with <see cref="GatewayApiOptions"/> (section
/// <c>gateway-api</c>), HTTPRoutes and TCPRoutes, no metrics of its own (the implementing mesh's apply), and access
/// control delegated to the Istio or Linkerd adapter, whose translator is the one registered with its options.
/// </summary>
public sealed class GatewayApiAdapter : MeshAdapter<GatewayApiOptions, GatewayApiTranslator>
{
    private const string AccessControlSetting = nameof(GatewayApiOptions.AccessControl);

    /// <inheritdoc/>
    public override string Name => GatewayApiTranslator.MeshName;

    /// <inheritdoc/>
    public override ImmutableArray<MeshResourceKind> OutputKinds { get; } =
    [
        new("gateway.networking.k8s.io", "v1", "httproutes", "HTTPRoute"),
        new("gateway.networking.k8s.io", "v1", "tcproutes", "TCPRoute"),
        new("gateway.networking.k8s.io", "v1alpha2", "tcproutes", "TCPRoute"),
    ];

    /// <inheritdoc/>
    public override ImmutableArray<IMeshAdapter> AccessControlDelegates { get; } =
        [new IstioAdapter(), new LinkerdAdapter()];

    /// <inheritdoc/>
    public override IMeshTranslator CreateTranslator(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<GatewayApiOptions>();
        var accessControl = AccessControlDelegate(options) is { } mesh
            ? services.GetRequiredKeyedService<IMeshTranslator>(mesh)
            : null;
        return new GatewayApiTranslator(services.GetRequiredService<TranslationOptions>(), options, accessControl);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, string>> AccessControlSettings(string mesh) =>
        [new(AccessControlSetting, ValueOf(mesh).ToString())];

    /// <summary>The <see cref="GatewayApiOptions.AccessControl"/> value of a delegate's mesh name.</summary>
    /// <param name="mesh"><c>istio</c> or <c>linkerd</c>.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The mesh is not a delegate.</exception>
    public static GatewayApiAccessControl ValueOf(string mesh) => mesh switch
    {
        IstioTranslator.MeshName => GatewayApiAccessControl.Istio,
        LinkerdTranslator.MeshName => GatewayApiAccessControl.Linkerd,
        _ => throw new ArgumentException($"Gateway API cannot delegate access control to \"{mesh}\".", nameof(mesh)),
    };

    /// <inheritdoc/>
    protected override string? AccessControlDelegate(GatewayApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AccessControl switch
        {
            GatewayApiAccessControl.Istio => IstioTranslator.MeshName,
            GatewayApiAccessControl.Linkerd => LinkerdTranslator.MeshName,
            _ => null,
        };
    }
}
