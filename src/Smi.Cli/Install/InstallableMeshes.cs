namespace Smi.Cli.Install;

/// <summary>The meshes a controller can be installed for, and the checks that install and uninstall share.</summary>
internal static class InstallableMeshes
{
    /// <summary>Every registered mesh, in the catalog's order.</summary>
    public static IReadOnlyList<string> All()
    {
        using var provider = MeshRegistration.Build(new TranslateSettings());
        return [.. MeshRegistration.Catalog(provider).Meshes];
    }

    /// <summary>
    /// Prints why a mesh (and its <c>--access-control</c> delegate) cannot be installed, and returns the usage-error
    /// exit code; returns <see langword="null"/> when they can.
    /// </summary>
    public static int? Check(TextWriter error, string mesh, string? accessControl)
    {
        var meshes = All();
        if (!meshes.Contains(mesh, StringComparer.Ordinal))
        {
            error.WriteLine($"error: unknown mesh \"{mesh}\"; registered meshes: {string.Join(", ", meshes)}");
            return ExitCodes.UsageError;
        }

        if (accessControl is not null && mesh != "gateway-api")
        {
            error.WriteLine("error: --access-control applies to --mesh gateway-api only");
            return ExitCodes.UsageError;
        }

        return null;
    }
}
