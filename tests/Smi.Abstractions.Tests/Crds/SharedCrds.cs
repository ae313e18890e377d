using Smi.Testing;
using Xunit.Abstractions;

namespace Smi.Abstractions.Tests.Crds;

/// <summary>Finds the shared reference folders, or tells the test output why a test did not run.</summary>
internal static class SharedCrds
{
    /// <summary>The CRD folder and the mesh-examples folder, or <see langword="false"/> after writing the reason.</summary>
    public static bool TryGet(ITestOutputHelper output, out string crds, out string examples)
    {
        crds = RepositoryPaths.Crds ?? string.Empty;
        examples = RepositoryPaths.Shared is { } shared ? Path.Combine(shared, "mesh-examples") : string.Empty;
        if (crds.Length == 0)
        {
            output.WriteLine("SKIPPED: no CRD folder; set SMI_CRDS_DIR or put the shared reference folder beside the repository (../shared/crds).");
            return false;
        }

        if (!Directory.Exists(examples))
        {
            output.WriteLine($"SKIPPED: no mesh-examples folder beside the CRD folder ({examples}).");
            return false;
        }

        return true;
    }
}
