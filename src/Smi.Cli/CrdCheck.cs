using Smi.Abstractions.Crds;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Translation;

namespace Smi.Cli;

/// <summary>Checks generated objects against CRD schemas and reports each violation as an error.</summary>
internal static class CrdCheck
{
    public static IEnumerable<Diagnostic> Run(CrdCatalog catalog, IEnumerable<GeneratedResource> resources)
    {
        foreach (var resource in resources)
        {
            foreach (var violation in catalog.Validate(resource.ToJson()))
            {
                yield return Diagnostic.Error(
                    SmiReasons.CrdSchemaViolation,
                    resource.Ref,
                    violation.Path,
                    $"the generated object does not pass the installed CRD: {violation.Message}; the CRDs may be of " +
                        $"another version than the translator targets");
            }
        }
    }
}
