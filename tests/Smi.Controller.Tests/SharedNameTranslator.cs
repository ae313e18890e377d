using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;

namespace Smi.Controller.Tests;

/// <summary>
/// A translator whose outputs collide across units: it renames every AuthorizationPolicy of an access destination to
/// one name, as a naming bug or an older naming scheme would, so the controller's check across units can be seen.
/// </summary>
internal sealed class SharedNameTranslator(IMeshTranslator inner, string sharedName) : IMeshTranslator
{
    public string Mesh => inner.Mesh;

    public TranslationResult Translate(MeshSnapshot snapshot, IReadOnlySet<UnitKey>? units = null)
    {
        var result = inner.Translate(snapshot, units);
        foreach (var resource in result.Resources)
        {
            if (resource.Ref.Kind == "AuthorizationPolicy" && resource.Unit.Kind == UnitKind.AccessDestination)
            {
                resource.Object.Metadata.Name = sharedName;
            }
        }

        return TranslationResult.Sorted(result.Resources, result.Diagnostics);
    }
}
