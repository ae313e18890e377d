using k8s;
using k8s.Models;
using Smi.Abstractions.Resources;

namespace Smi.Abstractions.Conversion;

/// <summary>Converts an SMI object to another version of the same kind, through the hub model.</summary>
public static class SmiConverter
{
    /// <summary>
    /// Converts <paramref name="source"/> to <paramref name="targetVersion"/> of the same group and kind. Metadata and
    /// status are copied; anything the target version cannot hold is reported to <paramref name="context"/>
    /// (<c>LossyConversion</c>) and left out.
    /// </summary>
    /// <param name="source">The object, of a registered kind and version.</param>
    /// <param name="targetVersion">The target version, for example <c>v1alpha2</c>, or a full apiVersion of the same
    /// group.</param>
    /// <param name="context">Collects what the conversion reports.</param>
    /// <returns>A new object of the target version.</returns>
    /// <exception cref="ArgumentException">The source kind and version are not registered, or the kind has no such
    /// target version.</exception>
    public static SmiObject Convert(SmiObject source, string targetVersion, ConversionContext context)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(targetVersion);
        ArgumentNullException.ThrowIfNull(context);

        var from = SmiVersions.Find(source.ApiVersion, source.Kind)
            ?? throw new ArgumentException(
                $"{source.ApiVersion} {source.Kind} is not an SMI kind and version this library knows", nameof(source));
        var version = targetVersion;
        var slash = targetVersion.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!string.Equals(targetVersion[..slash], from.Group, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"{targetVersion} is not in group {from.Group}; a conversion keeps the group and kind",
                    nameof(targetVersion));
            }

            version = targetVersion[(slash + 1)..];
        }

        var to = SmiVersions.Find($"{from.Group}/{version}", from.Kind)
            ?? throw new ArgumentException(
                $"{from.Kind} has no version {version}; use one of: "
                    + $"{string.Join(", ", SmiVersions.VersionsOf(from.Group, from.Kind).Select(v => v.Version))}",
                nameof(targetVersion));

        var hub = from.ToHub(source, context);
        var result = to.FromHub(hub, Clone(source.Metadata) ?? new V1ObjectMeta(), context);
        result.Status = Clone(source.Status);
        return result;
    }

    private static T? Clone<T>(T? value)
        where T : class =>
        value is null ? null : KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(value));
}
