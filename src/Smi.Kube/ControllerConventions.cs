namespace Smi.Kube;

/// <summary>
/// The names by which the controller marks what it does in a cluster, which the smi tool reads the same way.
/// </summary>
public static class ControllerConventions
{
    /// <summary>The controller's default field manager for server-side apply.</summary>
    public const string FieldManager = "smi-adapter";

    /// <summary>The annotation that leaves an SMI object out of translation when set to <c>true</c>.</summary>
    public const string SkipAnnotation = "smi-spec.io/skip";
}
