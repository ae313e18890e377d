using Smi.Adapters.Consul;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Consul translator.</summary>
public static class ConsulSmiBuilderExtensions
{
    /// <summary>Registers <see cref="ConsulTranslator"/> under the mesh name <c>consul</c>, with its options.</summary>
    /// <param name="builder">The builder <c>AddSmi()</c> returned.</param>
    /// <param name="configure">Sets the Consul options.</param>
    /// <returns>The same builder.</returns>
    public static ISmiBuilder AddConsul(this ISmiBuilder builder, Action<ConsulOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ConsulOptions();
        configure?.Invoke(options);
        return builder.AddAdapter(new ConsulAdapter(), options);
    }
}
