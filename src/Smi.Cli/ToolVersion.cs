using System.Reflection;

namespace Smi.Cli;

/// <summary>
/// The version of this build of <c>smi</c>, taken from the git tag at build time, and the controller image of the
/// same version, so that the installed controller always matches the tool that printed its manifests.
/// </summary>
public static class ToolVersion
{
    /// <summary>The repository the release pipeline pushes the controller image to.</summary>
    public const string ImageRepository = "ghcr.io/smi-adapters/smi-adapter";

    /// <summary>
    /// The semantic version without build metadata (<c>1.2.3</c>, or <c>0.0.0-alpha.0.N</c> for a build from a clone
    /// without tags).
    /// </summary>
    public static string Current { get; } = FromInformationalVersion(
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    /// <summary>The controller image of this version, the default of <c>smi install --image</c>.</summary>
    public static string DefaultImage => $"{ImageRepository}:{Current}";

    /// <summary>
    /// Drops the build metadata (<c>+commit</c>) from an informational version: an image tag cannot hold a plus sign.
    /// </summary>
    /// <param name="informationalVersion">The assembly's informational version, if any.</param>
    /// <returns>The version without build metadata, or <c>0.0.0</c> when there is none.</returns>
    public static string FromInformationalVersion(string? informationalVersion)
    {
        if (string.IsNullOrWhiteSpace(informationalVersion))
        {
            return "0.0.0";
        }

        var plus = informationalVersion.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informationalVersion : informationalVersion[..plus];
    }
}
