using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;

namespace Smi.Abstractions.Validation;

/// <summary>Checks IdentityBindings: at least one scheme, and serviceAccount and podLabelSelector not both.</summary>
public sealed class IdentityBindingValidator : ISmiValidator
{
    /// <inheritdoc/>
    public IEnumerable<Diagnostic> Validate(MeshSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var binding in snapshot.IdentityBindings)
        {
            var hasLabels = binding.PodLabels is { Count: > 0 };
            if (binding.ServiceAccount is not null && hasLabels)
            {
                yield return Diagnostic.Error(
                    SmiReasons.ConflictingSchemes,
                    binding.Source,
                    "spec.schemes",
                    "serviceAccount and podLabelSelector are mutually exclusive; keep one");
            }

            if (binding.ServiceAccount is null && !hasLabels && (binding.SpiffeIdentities.IsDefaultOrEmpty))
            {
                yield return Diagnostic.Error(
                    SmiReasons.NoSchemes,
                    binding.Source,
                    "spec.schemes",
                    "an IdentityBinding needs serviceAccount, podLabelSelector or spiffeIdentities");
            }
        }
    }
}
