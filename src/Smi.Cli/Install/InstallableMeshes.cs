namespace Smi.Cli.Install;

/// <summary>The meshes a controller can be installed for, and the checks that install and uninstall share.</summary>
internal static class InstallableMeshes
{
    /// <summary>Every registered mesh, in the catalog's order.</summary>
    public static IReadOnlyList<string> All() => [.. MeshRegistration.Adapters().Names];

    /// <summary>Every mesh some registered adapter can delegate access control to, sorted.</summary>
    public static string[] AccessControlDelegates() =>
    [
        .. MeshRegistration.Adapters().All
            .SelectMany(a => a.AccessControlDelegates)
            .Select(d => d.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>
    /// Prints why a mesh (and its <c>--access-control</c> delegate) cannot be installed, and returns the usage-error
    /// exit code; returns <see langword="null"/> when they can.
    /// </summary>
    public static int? Check(TextWriter error, string mesh, string? accessControl)
    {
        var adapters = MeshRegistration.Adapters();
        if (adapters.Find(mesh) is not { } adapter)
        {
            error.WriteLine($"error: unknown mesh \"{mesh}\"; registered meshes: {string.Join(", ", adapters.Names)}");
            return ExitCodes.UsageError;
        }

        if (accessControl is not null && !adapter.AccessControlDelegates.Any(d => d.Name == accessControl))
        {
            var delegating = adapters.All
                .Where(a => a.AccessControlDelegates.Any(d => d.Name == accessControl))
                .Select(a => a.Name);
            error.WriteLine($"error: --access-control applies to --mesh {string.Join(" or ", delegating)} only");
            return ExitCodes.UsageError;
        }

        return null;
    }
}
