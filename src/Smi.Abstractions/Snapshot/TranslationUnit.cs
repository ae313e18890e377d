using System.Collections.Immutable;

namespace Smi.Abstractions.Snapshot;

/// <summary>A unit of translation and the input objects that feed it.</summary>
/// <param name="Key">The unit's key.</param>
/// <param name="Inputs">Every input object whose change can change the unit's outputs, sorted.</param>
public sealed record TranslationUnit(UnitKey Key, ImmutableArray<ResourceRef> Inputs);
