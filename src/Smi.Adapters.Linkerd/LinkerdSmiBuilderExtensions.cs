using Smi.Adapters.Linkerd;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Linkerd translator.</summary>
public static class LinkerdSmiBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="LinkerdTranslator"/> under the mesh name <c>linkerd</c>, with its options.
    /// </summary>
    /// <param name="builder">The SMI builder from <c>AddSmi()</c>.</param>
    /// <param name="configure">Sets the Linkerd options.</param>
    /// <returns>The same builder.</returns>
    public static ISmiBuilder AddLinkerd(this ISmiBuilder builder, Action<LinkerdOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new LinkerdOptions();
        configure?.Invoke(options);
        return builder.AddAdapter(new LinkerdAdapter(), options);
    }
}
