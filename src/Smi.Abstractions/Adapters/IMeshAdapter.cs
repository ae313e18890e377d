using System.Collections.Immutable;
using Smi.Abstractions.Translation;

namespace Smi.Abstractions.Adapters;

/// <summary>
/// Everything the hosts (the controller, <c>smi install</c>, the TrafficMetrics API, the command line) know about one
/// mesh: its name, how to build its translator and options, what it writes and reads, which metrics describe its
/// traffic and which meshes it can hand access control to. A mesh is added by registering its adapter
/// (<c>AddSmi().AddAdapter&lt;IstioAdapter&gt;()</c>); nothing else names it.
/// </summary>
public interface IMeshAdapter
{
    /// <summary>The mesh name users select it by, for example <c>istio</c>; also the value of the mesh label.</summary>
    string Name { get; }

    /// <summary>The type of the adapter's options, registered as a singleton.</summary>
    Type OptionsType { get; }

    /// <summary>The configuration section of the options under <c>Adapters</c>, for example <c>istio</c>.</summary>
    string ConfigurationSection { get; }

    /// <summary>
    /// The kinds the translator writes, with the verbs the controller needs to apply, watch and prune them. A kind
    /// listed in several versions is watched in the first one the cluster serves.
    /// </summary>
    ImmutableArray<MeshResourceKind> OutputKinds { get; }

    /// <summary>
    /// The kinds the translation reads besides SMI's and those every controller reads (Services, Namespaces, Pods and
    /// workloads), with the verbs it needs on them.
    /// </summary>
    ImmutableArray<MeshResourceKind> WatchedKinds { get; }

    /// <summary>
    /// The name of the TrafficMetrics query set that reads this mesh's telemetry from Prometheus (<c>istio</c>,
    /// <c>linkerd</c>, <c>consul</c>), or <see langword="null"/> when its traffic has no metrics of its own.
    /// </summary>
    string? MetricsQueries { get; }

    /// <summary>The adapters this one can delegate access control (TrafficTargets) to; registered with it.</summary>
    ImmutableArray<IMeshAdapter> AccessControlDelegates { get; }

    /// <summary>Creates options with their defaults.</summary>
    /// <returns>An instance of <see cref="OptionsType"/>.</returns>
    object CreateOptions();

    /// <summary>
    /// Creates the translator from the registered services: the shared <see cref="TranslationOptions"/>, the options of
    /// <see cref="OptionsType"/> and, for delegation, the delegate's translator with its registered options.
    /// </summary>
    /// <param name="services">The service provider.</param>
    /// <returns>The translator.</returns>
    IMeshTranslator CreateTranslator(IServiceProvider services);

    /// <summary>The mesh these options delegate access control to, or <see langword="null"/>.</summary>
    /// <param name="options">An instance of <see cref="OptionsType"/>.</param>
    /// <returns>The name of one of <see cref="AccessControlDelegates"/>, or <see langword="null"/>.</returns>
    string? AccessControlDelegate(object options);

    /// <summary>
    /// The configuration values (keys relative to <see cref="ConfigurationSection"/>) that delegate access control to
    /// <paramref name="mesh"/>.
    /// </summary>
    /// <param name="mesh">The name of one of <see cref="AccessControlDelegates"/>.</param>
    /// <returns>The settings; empty when this adapter does not delegate.</returns>
    /// <exception cref="ArgumentException"><paramref name="mesh"/> is not a delegate of this adapter.</exception>
    IReadOnlyList<KeyValuePair<string, string>> AccessControlSettings(string mesh);
}
