using Smi.Adapters.Istio;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Istio adapter to the SMI pipeline.</summary>
public static class IstioSmiBuilderExtensions
{
    /// <summary>Registers <see cref="IstioTranslator"/> under the mesh name <c>istio</c>, with its options.</summary>
    /// <param name="builder">The builder <c>AddSmi()</c> returned.</param>
    /// <param name="configure">Sets the Istio options.</param>
    /// <returns>The same builder.</returns>
    public static ISmiBuilder AddIstio(this ISmiBuilder builder, Action<IstioOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new IstioOptions();
        configure?.Invoke(options);
        return builder.AddAdapter(new IstioAdapter(), options);
    }
}
