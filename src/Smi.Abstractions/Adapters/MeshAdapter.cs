using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Smi.Abstractions.Translation;

namespace Smi.Abstractions.Adapters;

/// <summary>
/// The usual shape of an <see cref="IMeshAdapter"/>: options of <typeparamref name="TOptions"/> bound from the
/// section named like the mesh, a translator of <typeparamref name="TTranslator"/> built from the registered services,
/// no watched kinds of its own, no metrics and no delegation unless overridden.
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
/// <typeparam name="TTranslator">
/// The translator type, built through its public constructors, which a trimmed or natively compiled build keeps.
/// </typeparam>
public abstract class MeshAdapter<
    TOptions,
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TTranslator> : IMeshAdapter
    where TOptions : class, new()
    where TTranslator : class, IMeshTranslator
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public Type OptionsType => typeof(TOptions);

    /// <inheritdoc/>
    public virtual string ConfigurationSection => Name;

    /// <inheritdoc/>
    public abstract ImmutableArray<MeshResourceKind> OutputKinds { get; }

    /// <inheritdoc/>
    public virtual ImmutableArray<MeshResourceKind> WatchedKinds => [];

    /// <inheritdoc/>
    public virtual string? MetricsQueries => null;

    /// <inheritdoc/>
    public virtual ImmutableArray<IMeshAdapter> AccessControlDelegates => [];

    /// <inheritdoc/>
    public object CreateOptions() => new TOptions();

    /// <inheritdoc/>
    public virtual IMeshTranslator CreateTranslator(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<TTranslator>(services);

    /// <inheritdoc/>
    public string? AccessControlDelegate(object options) =>
        options is TOptions typed ? AccessControlDelegate(typed) : throw WrongOptions(options);

    /// <inheritdoc/>
    public virtual IReadOnlyList<KeyValuePair<string, string>> AccessControlSettings(string mesh) =>
        throw new ArgumentException(
            $"The {Name} adapter does not delegate access control to \"{mesh}\".", nameof(mesh));

    /// <summary>The mesh these options delegate access control to, or <see langword="null"/> (the default).</summary>
    /// <param name="options">The options.</param>
    /// <returns>The name of one of <see cref="AccessControlDelegates"/>, or <see langword="null"/>.</returns>
    protected virtual string? AccessControlDelegate(TOptions options) => null;

    private ArgumentException WrongOptions(object options) => new(
        $"The {Name} adapter takes {typeof(TOptions).Name}, not {options?.GetType().Name ?? "null"}.",
        nameof(options));
}
