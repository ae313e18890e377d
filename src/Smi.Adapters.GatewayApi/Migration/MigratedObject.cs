using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;

namespace Smi.Adapters.GatewayApi.Migration;

/// <summary>One SMI object of the input and what replaced it.</summary>
/// <param name="Source">The SMI object.</param>
/// <param name="Location">Where it was read, with the path relative to its input folder.</param>
/// <param name="ReplacedBy">The generated objects of every unit it feeds, sorted; empty when nothing replaces
/// it.</param>
/// <param name="WrittenTo">The output file (relative) where those objects were written, in place of the first SMI
/// document of their unit; <see langword="null"/> when nothing replaces it.</param>
public sealed record MigratedObject(
    ResourceRef Source, SourceLocation Location, IReadOnlyList<ResourceRef> ReplacedBy, string? WrittenTo);
