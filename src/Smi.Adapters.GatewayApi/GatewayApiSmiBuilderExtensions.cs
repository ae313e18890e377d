using Smi.Adapters.GatewayApi;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Gateway API (GAMMA) translator.</summary>
public static class GatewayApiSmiBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="GatewayApiTranslator"/> under the mesh name <c>gateway-api</c>, with its options.
    /// </summary>
    /// <param name="builder">The SMI builder from <c>AddSmi()</c>.</param>
    /// <param name="configure">Sets the Gateway API options.</param>
    /// <returns>The same builder.</returns>
    public static ISmiBuilder AddGatewayApi(this ISmiBuilder builder, Action<GatewayApiOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new GatewayApiOptions();
        configure?.Invoke(options);
        return builder.AddAdapter(new GatewayApiAdapter(), options);
    }
}
