using System.Collections.Immutable;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;

namespace Smi.Controller.Reconcile;

/// <summary>
/// Translation that one unit cannot break for the others: the units are translated together, and when that throws,
/// one at a time, so that only the units whose translation throws are left out, each with its exception.
/// </summary>
/// <param name="Result">What the units that translated produced.</param>
/// <param name="Failures">The units whose translation threw, with the exception.</param>
internal sealed record IsolatedTranslation(TranslationResult Result, ImmutableDictionary<UnitKey, Exception> Failures)
{
    /// <summary>Translates <paramref name="units"/> (every unit when null), isolating the units that throw.</summary>
    /// <param name="translator">The mesh translator.</param>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="units">The units; every unit of the snapshot when null.</param>
    /// <returns>The merged result of the units that translated, and the failures.</returns>
    public static IsolatedTranslation Run(
        IMeshTranslator translator,
        MeshSnapshot snapshot,
        IReadOnlySet<UnitKey>? units)
    {
        try
        {
            return new(translator.Translate(snapshot, units), ImmutableDictionary<UnitKey, Exception>.Empty);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Some unit throws: find which, one by one; the cost is paid only while a unit is broken.
        }

        var resources = new List<GeneratedResource>();
        var diagnostics = new List<Abstractions.Diagnostics.Diagnostic>();
        var failures = ImmutableDictionary.CreateBuilder<UnitKey, Exception>();
        foreach (var unit in (units ?? snapshot.Units.Select(u => u.Key).ToHashSet()).Order())
        {
            try
            {
                var one = translator.Translate(snapshot, new HashSet<UnitKey> { unit });
                resources.AddRange(one.Resources);
                diagnostics.AddRange(one.Diagnostics);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures[unit] = e;
            }
        }

        return new(TranslationResult.Sorted(resources, diagnostics), failures.ToImmutable());
    }
}
