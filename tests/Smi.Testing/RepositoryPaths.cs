namespace Smi.Testing;

/// <summary>Finds the repository's folders and the shared reference material from a test's working directory.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Smi.Adapters.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Smi.Adapters.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root (the folder holding Smi.Adapters.sln).</summary>
    public static string Root => RootPath.Value;

    /// <summary>tests/testdata.</summary>
    public static string TestData => Path.Combine(Root, "tests", "testdata");

    /// <summary>samples/.</summary>
    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>
    /// The folder of real CRDs: <c>SMI_CRDS_DIR</c> when set, else <c>../shared/crds</c> beside the repository;
    /// <see langword="null"/> when neither exists.
    /// </summary>
    public static string? Crds
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("SMI_CRDS_DIR");
            if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
            {
                return fromEnvironment;
            }

            var beside = Path.GetFullPath(Path.Combine(Root, "..", "shared", "crds"));
            return Directory.Exists(beside) ? beside : null;
        }
    }

    /// <summary>The shared reference folder (parent of <see cref="Crds"/>), or <see langword="null"/>.</summary>
    public static string? Shared => Crds is { } crds ? Path.GetDirectoryName(crds) : null;
}
