using Microsoft.Extensions.DependencyInjection.Extensions;
using Smi.Abstractions.Translation;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SMI pipeline.</summary>
public static class SmiServiceCollectionExtensions
{
    /// <summary>
    /// Registers the shared translation options and the <see cref="MeshTranslatorCatalog"/>. Add mesh adapters on the
    /// returned builder.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the shared translation options.</param>
    /// <returns>A builder for adapters.</returns>
    public static ISmiBuilder AddSmi(this IServiceCollection services, Action<TranslationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new TranslationOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton<MeshTranslatorCatalog>();
        return new SmiBuilder(services);
    }

    /// <summary>
    /// Registers a mesh translator both as a keyed service (key: the mesh name) and in the list the catalog reads.
    /// Adapters call this from their own <c>Add&lt;Mesh&gt;()</c> extension.
    /// </summary>
    /// <typeparam name="TTranslator">The translator type.</typeparam>
    /// <param name="builder">The SMI builder.</param>
    /// <param name="mesh">The mesh name.</param>
    /// <returns>The same builder.</returns>
    public static ISmiBuilder AddTranslator<TTranslator>(this ISmiBuilder builder, string mesh)
        where TTranslator : class, IMeshTranslator
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<TTranslator>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IMeshTranslator, TTranslator>(sp => sp.GetRequiredService<TTranslator>()));
        builder.Services.TryAddKeyedSingleton<IMeshTranslator>(mesh, (sp, _) => sp.GetRequiredService<TTranslator>());
        return builder;
    }
}
