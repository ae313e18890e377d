using Smi.Abstractions;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Controller.Cache;

namespace Smi.Controller.Reconcile;

/// <summary>One unit as a reconcile pass hands it to the <see cref="UnitReconciler"/>.</summary>
/// <param name="Unit">The unit.</param>
/// <param name="Inputs">What it reads.</param>
/// <param name="Sources">Its SMI objects.</param>
/// <param name="Desired">What its translation wants.</param>
/// <param name="Observed">Its outputs in the cache.</param>
/// <param name="TerminatingNamespaces">
/// The namespaces being deleted when the pass built its snapshot: nothing is applied or deleted there.
/// </param>
internal sealed record UnitWork(
    UnitKey Unit,
    IReadOnlyList<ResourceRef> Inputs,
    IReadOnlyList<ResourceRef> Sources,
    IReadOnlyList<GeneratedResource> Desired,
    IReadOnlyList<CachedObject> Observed,
    IReadOnlySet<string> TerminatingNamespaces);
