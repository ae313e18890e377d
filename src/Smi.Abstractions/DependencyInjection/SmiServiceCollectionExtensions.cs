using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Smi.Abstractions.Adapters;
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
        services.TryAddSingleton<MeshAdapterCatalog>();
        return new SmiBuilder(services);
    }

    /// <summary>
    /// Registers a mesh adapter: the adapter itself (read through <see cref="MeshAdapterCatalog"/>), its options unless
    /// already registered (defaults, then every <see cref="IMeshAdapterOptionsSetup"/>), its translator under the mesh
    /// name (keyed and in the list <see cref="MeshTranslatorCatalog"/> reads) and the adapters it can delegate access
    /// control to. An adapter whose name is already registered is skipped.
    /// </summary>
    /// <typeparam name="TAdapter">The adapter type.</typeparam>
    /// <param name="builder">The SMI builder.</param>
    /// <returns>The same builder.</returns>
    public static ISmiBuilder AddAdapter<TAdapter>(this ISmiBuilder builder)
        where TAdapter : class, IMeshAdapter, new() => builder.AddAdapter(new TAdapter());

    /// <summary>
    /// Registers a mesh adapter instance; see <see cref="AddAdapter{TAdapter}(ISmiBuilder)"/>. Options passed in win
    /// over the defaults a delegating adapter registered for this one earlier, not over options passed in earlier.
    /// </summary>
    /// <param name="builder">The SMI builder.</param>
    /// <param name="adapter">The adapter.</param>
    /// <param name="options">Its options (an instance of <see cref="IMeshAdapter.OptionsType"/>), or
    /// <see langword="null"/> to create them from the registration.</param>
    /// <returns>The same builder.</returns>
    public static ISmiBuilder AddAdapter(this ISmiBuilder builder, IMeshAdapter adapter, object? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(adapter);
        var services = builder.Services;
        if (options is not null)
        {
            if (!adapter.OptionsType.IsInstanceOfType(options))
            {
                throw new ArgumentException(
                    $"The {adapter.Name} adapter takes {adapter.OptionsType.Name}.", nameof(options));
            }

            if (!services.Any(d => d.ServiceType == adapter.OptionsType && d.ImplementationInstance is not null))
            {
                services.RemoveAll(adapter.OptionsType);
                services.AddSingleton(adapter.OptionsType, options);
            }
        }

        if (services.Any(d => d.ServiceType == typeof(IMeshAdapter)
            && d.ImplementationInstance is IMeshAdapter registered && registered.Name == adapter.Name))
        {
            return builder;
        }

        services.TryAddSingleton<MeshAdapterCatalog>();
        services.TryAddSingleton<MeshTranslatorCatalog>();
        services.AddSingleton<IMeshAdapter>(adapter);
        services.TryAdd(ServiceDescriptor.Singleton(adapter.OptionsType, sp =>
        {
            var created = adapter.CreateOptions();
            foreach (var setup in sp.GetServices<IMeshAdapterOptionsSetup>())
            {
                setup.Configure(adapter, created);
            }

            return created;
        }));
        services.AddKeyedSingleton<IMeshTranslator>(adapter.Name, (sp, _) => adapter.CreateTranslator(sp));
        services.AddSingleton<IMeshTranslator>(sp => sp.GetRequiredKeyedService<IMeshTranslator>(adapter.Name));
        foreach (var accessControl in adapter.AccessControlDelegates)
        {
            builder.AddAdapter(accessControl);
        }

        return builder;
    }

    /// <summary>
    /// Registers a mesh translator both as a keyed service (key: the mesh name) and in the list the catalog reads.
    /// Adapters call this from their own <c>Add&lt;Mesh&gt;()</c> extension.
    /// </summary>
    /// <typeparam name="TTranslator">
    /// The translator type, built through its public constructors, which a trimmed or natively compiled build keeps.
    /// </typeparam>
    /// <param name="builder">The SMI builder.</param>
    /// <param name="mesh">The mesh name.</param>
    /// <returns>The same builder.</returns>
    public static ISmiBuilder AddTranslator<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TTranslator>(
        this ISmiBuilder builder, string mesh)
        where TTranslator : class, IMeshTranslator
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<TTranslator>();
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IMeshTranslator, TTranslator>(sp => sp.GetRequiredService<TTranslator>()));
        builder.Services.TryAddKeyedSingleton<IMeshTranslator>(mesh, (sp, _) => sp.GetRequiredService<TTranslator>());
        return builder;
    }
}
