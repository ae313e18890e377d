namespace Smi.Testing;

/// <summary>Finds the repository's folders from a test's working directory.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Smi.Adapters.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new InvalidOperationException("Smi.Adapters.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root (the folder holding Smi.Adapters.sln).</summary>
    public static string Root => RootPath.Value;

    /// <summary>tests/testdata.</summary>
    public static string TestData => Path.Combine(Root, "tests", "testdata");

    /// <summary>tests/testdata/mesh-examples: hand-written native manifests of each mesh.</summary>
    public static string MeshExamples => Path.Combine(TestData, "mesh-examples");

    /// <summary>samples/.</summary>
    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>
    /// The folder of real upstream CRDs: <c>SMI_CRDS_DIR</c> when set, else <c>crds/</c> at the repository root.
    /// Throws when the folder does not exist, so a test that needs the CRDs fails instead of passing unchecked.
    /// </summary>
    public static string Crds
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("SMI_CRDS_DIR");
            var folder = string.IsNullOrEmpty(fromEnvironment) ? Path.Combine(Root, "crds") : fromEnvironment;
            return Directory.Exists(folder)
                ? folder
                : throw new DirectoryNotFoundException(
                    $"CRD folder {folder} does not exist (SMI_CRDS_DIR overrides the repository's crds/ folder).");
        }
    }
}
