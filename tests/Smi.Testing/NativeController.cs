namespace Smi.Testing;

/// <summary>
/// The controller's executable compiled natively, as the image ships it: published by <c>.ci/run</c> before the tests
/// (the command below) and named by <c>SMI_NATIVE_CONTROLLER</c>.
/// </summary>
public static class NativeController
{
    /// <summary>The command that publishes it (from the repository root).</summary>
    public const string PublishCommand = "dotnet publish src/Smi.Controller -c Release -r linux-x64 "
        + "-p:PublishAot=true -p:TreatWarningsAsErrors=false -o artifacts/native-controller";

    /// <summary>The executable named by <c>SMI_NATIVE_CONTROLLER</c>; null when the variable is not set.</summary>
    public static string? Path => Environment.GetEnvironmentVariable("SMI_NATIVE_CONTROLLER") is { Length: > 0 } path
        ? System.IO.Path.GetFullPath(path)
        : null;

    /// <summary>The executable, asserting that <c>SMI_NATIVE_CONTROLLER</c> names one.</summary>
    /// <returns>Its full path.</returns>
    public static string RequirePath()
    {
        Xunit.Assert.True(File.Exists(Path), "SMI_NATIVE_CONTROLLER names no file: "
            + $"{Path ?? "(not set)"}; publish it with {PublishCommand}");
        return Path!;
    }

    /// <summary>Why the tests of the native executable are skipped; null when they run.</summary>
    public static string? SkipReason =>
        Environment.GetEnvironmentVariable("SMI_REQUIRE_NATIVE_CONTROLLER") == "1" || File.Exists(Path)
            ? null
            : $"the controller compiled natively is not published: run `{PublishCommand}` and set "
                + "SMI_NATIVE_CONTROLLER=artifacts/native-controller/Smi.Controller (.ci/run does both)";
}
