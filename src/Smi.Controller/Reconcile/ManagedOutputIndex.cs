using Smi.Abstractions;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Controller.Cache;

namespace Smi.Controller.Reconcile;

/// <summary>
/// The controller's outputs in the informers (managed by it, for its mesh), by the unit their annotation names and by
/// output key, kept up to date from the output informers' changes (lists and watches), so that a pass finds a unit's
/// live outputs, or the holder of one output, without grouping every output. An output without a readable unit
/// annotation has no unit: no pass compares it.
/// </summary>
/// <param name="isOurs">Whether an output is the controller's: its mesh label is one the controller writes.</param>
internal sealed class ManagedOutputIndex(Func<CachedObject, bool> isOurs)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ResourceRef, (UnitKey Unit, CachedObject Object)> _byKey = [];
    private readonly Dictionary<UnitKey, Dictionary<ResourceRef, CachedObject>> _byUnit = [];

    /// <summary>Takes in one change of an output: the new state replaces the old one, or the old one goes.</summary>
    /// <param name="change">The change.</param>
    public void Apply(ObjectChange change)
    {
        lock (_gate)
        {
            if (change.Old is { } old)
            {
                Remove(OutputWrites.Key(old.Ref));
            }

            var annotation = change.New?.Annotations.GetValueOrDefault(GeneratedMetadata.UnitAnnotation);
            if (change.New is { } item && isOurs(item) && UnitAnnotation.Parse(annotation) is { } unit)
            {
                var key = OutputWrites.Key(item.Ref);
                Remove(key);
                _byKey[key] = (unit, item);
                if (!_byUnit.TryGetValue(unit, out var outputs))
                {
                    outputs = [];
                    _byUnit[unit] = outputs;
                }

                outputs[key] = item;
            }
        }
    }

    /// <summary>Forgets every output of a kind that is no longer watched.</summary>
    /// <param name="group">The kind's API group.</param>
    /// <param name="kind">The kind.</param>
    public void ForgetKind(string group, string kind)
    {
        lock (_gate)
        {
            foreach (var (key, held) in _byKey.Where(p => p.Value.Object.Kind.Group == group
                && p.Value.Object.Kind.Kind == kind).ToList())
            {
                Remove(key);
            }
        }
    }

    /// <summary>The live outputs of a unit.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>A copy.</returns>
    public List<CachedObject> Of(UnitKey unit)
    {
        lock (_gate)
        {
            return _byUnit.TryGetValue(unit, out var outputs) ? [.. outputs.Values] : [];
        }
    }

    /// <summary>The unit whose live output has this key, with the output; null when none has.</summary>
    /// <param name="key">The output key (<see cref="OutputWrites.Key"/>).</param>
    /// <returns>The holder, or null.</returns>
    public (UnitKey Unit, CachedObject Object)? Holder(ResourceRef key)
    {
        lock (_gate)
        {
            return _byKey.TryGetValue(key, out var held) ? held : null;
        }
    }

    /// <summary>Every unit that has live outputs.</summary>
    /// <returns>A copy.</returns>
    public List<UnitKey> Units()
    {
        lock (_gate)
        {
            return [.. _byUnit.Keys];
        }
    }

    private void Remove(ResourceRef key)
    {
        if (_byKey.Remove(key, out var held) && _byUnit.TryGetValue(held.Unit, out var outputs))
        {
            outputs.Remove(key);
            if (outputs.Count == 0)
            {
                _byUnit.Remove(held.Unit);
            }
        }
    }
}
