using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.Consul.Services;

namespace Smi.Adapters.Consul;

/// <summary>
/// What every part of one Consul translation shares: the snapshot, the options, the Consul service names, the
/// ServiceDefaults requested so far and the output.
/// </summary>
internal sealed class ConsulTranslationContext
{
    public ConsulTranslationContext(
        MeshSnapshot snapshot, TranslationOptions options, ConsulOptions consulOptions, IReadOnlySet<UnitKey>? units)
    {
        Snapshot = snapshot;
        Output = new TranslationOutput(ConsulTranslator.MeshName, units);
        Options = options;
        ConsulOptions = consulOptions;
        Names = new ConsulNameScope(snapshot, consulOptions.Namespaces);
        ServiceNames = new ConsulServiceNames(snapshot);
    }

    /// <summary>The snapshot being translated.</summary>
    public MeshSnapshot Snapshot { get; }

    /// <summary>The shared translation options.</summary>
    public TranslationOptions Options { get; }

    /// <summary>The Consul options.</summary>
    public ConsulOptions ConsulOptions { get; }

    /// <summary>Which Kubernetes namespaces use each Consul service name.</summary>
    public ConsulNameScope Names { get; }

    /// <summary>The Consul service names the pods of each ServiceAccount register under.</summary>
    public ConsulServiceNames ServiceNames { get; }

    /// <summary>The ServiceDefaults requested so far, written once every unit has asked.</summary>
    public ServiceDefaultsRequests Defaults { get; } = new();

    /// <summary>
    /// The generated objects and diagnostics of the wanted units. Every unit is still translated: name collisions and
    /// shared ServiceDefaults span units, and a subset must come out exactly as it does in a full translation.
    /// </summary>
    public TranslationOutput Output { get; }

    /// <summary>Whether Kubernetes namespaces are mirrored as Consul namespaces.</summary>
    public bool Mirrored => ConsulOptions.Namespaces == ConsulNamespaces.Mirror;

    /// <summary>Adds a diagnostic of the unit.</summary>
    /// <param name="unit">The unit.</param>
    /// <param name="diagnostic">The diagnostic.</param>
    public void Report(UnitKey unit, Diagnostic diagnostic) => Output.Report(unit, diagnostic);

    /// <summary>
    /// Reports a name that is ambiguous without Consul namespaces. Returns whether it was, so the caller generates
    /// nothing for it.
    /// </summary>
    /// <param name="unit">The unit.</param>
    /// <param name="source">The SMI object that uses the name.</param>
    /// <param name="fieldPath">The field that holds the name.</param>
    /// <param name="ns">The Kubernetes namespace the name is used in.</param>
    /// <param name="name">The Consul service name.</param>
    /// <param name="consequence">What is not generated because of it.</param>
    /// <returns>Whether the name is used in other namespaces too.</returns>
    public bool ReportCollision(
        UnitKey unit, ResourceRef source, string fieldPath, string ns, string name, string consequence)
    {
        var others = Names.OtherNamespaces(ns, name);
        if (others.Count == 0)
        {
            return false;
        }

        Report(unit, Diagnostic.Error(
            ConsulReasons.ConsulNameCollision,
            source,
            fieldPath,
            $"Consul service name \"{name}\" is used in namespace {ns} and in {string.Join(", ", others)}; without "
                + $"Consul namespaces they are one service, so {consequence}. Rename one of them, or enable Consul "
                + "Enterprise namespace mirroring and set the namespaces option to mirror"));
        return true;
    }
}
