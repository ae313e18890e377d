namespace Smi.Testing;

/// <summary>
/// A fact that runs the controller compiled natively (Native AOT): reported as skipped, with the reason, where it has
/// not been published, unless <c>SMI_REQUIRE_NATIVE_CONTROLLER=1</c> (as in CI), where it runs and fails.
/// </summary>
public sealed class NativeControllerFactAttribute : Xunit.FactAttribute
{
    /// <summary>Skips the fact, with the reason, where the native executable is missing.</summary>
    public NativeControllerFactAttribute() => Skip = NativeController.SkipReason;
}
