using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;

namespace Smi.Adapters.Consul;

/// <summary>A translation diagnostic and the unit it belongs to, so a units filter can pick it.</summary>
/// <param name="Unit">The unit.</param>
/// <param name="Diagnostic">The diagnostic.</param>
internal sealed record UnitDiagnostic(UnitKey Unit, Diagnostic Diagnostic);
