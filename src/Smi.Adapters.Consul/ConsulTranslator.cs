using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.Consul.Access;
using Smi.Adapters.Consul.Splits;

namespace Smi.Adapters.Consul;

/// <summary>
/// Translates SMI into consul-k8s config entries: TrafficSplits into ServiceSplitter, ServiceRouter (A/B matches),
/// ServiceResolver (a full redirect of a TCP service) and ServiceDefaults; TrafficTargets into one ServiceIntentions
/// per destination service with L7 permissions and a final deny. Consul service names are taken to be the
/// ServiceAccount names, as consul-k8s requires when ACLs are on.
/// </summary>
public sealed class ConsulTranslator : IMeshTranslator
{
    /// <summary>The mesh name this translator is registered under.</summary>
    public const string MeshName = "consul";

    /// <summary>The mesh name as messages write it.</summary>
    internal const string MeshTitle = "Consul";

    private readonly TranslationOptions _options;
    private readonly ConsulOptions _consulOptions;

    /// <summary>Creates the translator.</summary>
    /// <param name="options">The shared translation options.</param>
    /// <param name="consulOptions">The Consul options.</param>
    public ConsulTranslator(TranslationOptions options, ConsulOptions consulOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(consulOptions);
        _options = options;
        _consulOptions = consulOptions;
    }

    /// <inheritdoc/>
    public string Mesh => MeshName;

    /// <inheritdoc/>
    public TranslationResult Translate(MeshSnapshot snapshot, IReadOnlySet<UnitKey>? units = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);

        // Every unit is translated and the output keeps the wanted ones: name collisions and shared ServiceDefaults
        // span units, and a subset must come out exactly as it does in a full translation.
        var context = new ConsulTranslationContext(snapshot, _options, _consulOptions, units);
        new SplitTranslation(context).TranslateAll();
        new AccessTranslation(context).TranslateAll();
        new DefaultDenyTranslation(context).Translate();
        context.Defaults.EmitAll(context.Output);
        return context.Output.ToResult();
    }
}
