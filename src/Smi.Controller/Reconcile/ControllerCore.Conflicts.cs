using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Controller.Cache;

namespace Smi.Controller.Reconcile;

/// <summary>
/// The check across units. A pass translates only the units that are due, so the translator's own check
/// (<see cref="TranslationResult.Sorted"/>) never sees an output that another unit already owns in the cluster. An
/// output that a due unit wants under a group, kind, namespace and name that another unit's live output holds, while
/// that unit still wants it, would replace it when applied (an allow policy over a deny-all): it is not applied, the
/// live output is left as it is, and the SMI objects of both units get an <c>OutputNameConflict</c> error.
/// </summary>
public sealed partial class ControllerCore
{
    /// <summary>The reason of the error, the same as the translator's check within one translation.</summary>
    private const string OutputNameConflictReason = SmiReasons.OutputNameConflict;

    /// <summary>
    /// Takes out of <paramref name="desiredByUnit"/> every output held by another unit's live output, adding the
    /// holding units that are not due to this pass, so that their objects report the conflict with the rest of their
    /// diagnostics. The refusing unit applies the output once the holder no longer wants it and the refusing unit is
    /// translated again: when its inputs change, or at the next resync.
    /// </summary>
    /// <returns>The conflict errors and the translation diagnostics of the holding units added to the pass.</returns>
    private List<Diagnostic> RefuseCrossUnitConflicts(
        Func<MeshSnapshot> whole,
        List<UnitKey> due,
        HashSet<UnitKey> dueSet,
        Dictionary<UnitKey, List<GeneratedResource>> desiredByUnit,
        Dictionary<UnitKey, List<CachedObject>> observedByUnit,
        Func<UnitKey, bool> awaitsEchoes)
    {
        // The live output of each key, unless a due unit's is about to be handed to another (adopted).
        var holders = new Dictionary<ResourceRef, (UnitKey Unit, CachedObject? Object)>();
        bool IsHeld(ResourceRef key, out (UnitKey Unit, CachedObject? Object) holder)
        {
            if (!holders.TryGetValue(key, out holder) && LiveHolder(key) is { } held
                && (held.Object is null || !observedByUnit.TryGetValue(held.Unit, out var observed)
                    || observed.Contains(held.Object)))
            {
                holder = held;
                holders[key] = held;
            }

            return holders.ContainsKey(key);
        }

        var diagnostics = new List<Diagnostic>();
        var clashes = due
            .SelectMany(unit => desiredByUnit.GetValueOrDefault(unit, [])
                .Select(resource => (Unit: unit, Resource: resource, Key: OutputKey(resource.Ref))))
            .Where(c => IsHeld(c.Key, out var holder) && holder.Unit != c.Unit)
            .ToList();
        if (clashes.Count == 0)
        {
            return diagnostics;
        }

        // A holder whose own write the cache does not show yet waits for its echo instead of joining; it keeps the
        // output.
        var idle = clashes.Select(c => holders[c.Key].Unit).Where(u => !dueSet.Contains(u)).Distinct()
            .Where(u => !awaitsEchoes(u)).ToHashSet();
        if (idle.Count > 0)
        {
            var translation = IsolatedTranslation.Run(_translator, whole(), idle);
            foreach (var unit in idle.Except(translation.Failures.Keys).Order())
            {
                due.Add(unit);
                dueSet.Add(unit);
                desiredByUnit[unit] = [.. translation.Result.Resources.Where(r => r.Unit == unit)];
            }

            diagnostics.AddRange(translation.Result.Diagnostics);
        }

        foreach (var (unit, resource, key) in clashes)
        {
            var holder = holders[key];
            // A holder whose translation threw keeps its outputs as they are, so it still holds this one.
            var stillWanted = !dueSet.Contains(holder.Unit)
                || desiredByUnit.GetValueOrDefault(holder.Unit, []).Any(r => OutputKey(r.Ref) == key);
            if (!stillWanted)
            {
                // The holder prunes it in this pass; the refusing unit applies it when next translated.
                continue;
            }

            desiredByUnit[unit].Remove(resource);
            var message = $"{key.Kind} {key.Namespace}/{key.Name} is generated for {unit} while the one in the cluster "
                + $"belongs to {holder.Unit}; one would replace the other, so the new one was not applied and the "
                + "existing one was left as it is. Rename one of the inputs";
            // A holder whose apply the cache does not show yet waits for its echo; its objects are reported then.
            var holderSources = holder.Object is { } live ? _reconciler.SourcesOf(live) : [];
            var sources = _reconciler.SourcesOf(resource).Concat(holderSources);
            diagnostics.AddRange(sources.Distinct()
                .Select(source => Diagnostic.Error(OutputNameConflictReason, source, "metadata.name", message)));
        }

        return diagnostics;
    }

    /// <summary>
    /// The unit whose output lives under a key, with the output as cached. The cache may lag the controller's own
    /// writes: an apply it does not show yet makes the applying unit the holder (the object not cached, or cached as
    /// another unit left it), and a prune it does not show yet leaves no holder.
    /// </summary>
    private (UnitKey Unit, CachedObject? Object)? LiveHolder(ResourceRef key)
    {
        var cached = _outputs.Holder(key);
        return _outputWrites.Unseen(key, cached?.Object) switch
        {
            null => cached is { } held ? (held.Unit, held.Object) : null,
            { Prune: true } => null,
            { } apply => (apply.Unit, cached is { } c && c.Unit == apply.Unit ? c.Object : (CachedObject?)null),
        };
    }
}
