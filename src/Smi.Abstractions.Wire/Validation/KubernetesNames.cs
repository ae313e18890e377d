using System.Text.RegularExpressions;

namespace Smi.Abstractions.Validation;

/// <summary>
/// The name formats Kubernetes validates (<c>k8s.io/apimachinery/pkg/util/validation</c>): DNS-1123 subdomains for
/// object and ServiceAccount names, DNS-1123 labels for namespaces and Service names. The patterns are the ones the
/// CRD schemas carry, so the schema and these checks agree.
/// </summary>
/// <remarks>See <see href="https://kubernetes.io/docs/concepts/overview/working-with-objects/names/"/>.</remarks>
public static partial class KubernetesNames
{
    /// <summary>The DNS-1123 label pattern: lower-case alphanumerics and '-', alphanumeric at both ends.</summary>
    public const string LabelPattern = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /// <summary>The DNS-1123 subdomain pattern: labels joined by '.'.</summary>
    public const string SubdomainPattern = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /// <summary>Why a value is not a DNS-1123 label (a namespace or a Service name).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The problem in Kubernetes words, or <see langword="null"/> when the value is a valid label.</returns>
    public static string? LabelProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > SmiBounds.MaxLabelLength)
        {
            return $"must be no more than {SmiBounds.MaxLabelLength} characters (a DNS-1123 label), "
                + $"got {value.Length}";
        }

        return Label().IsMatch(value) && !value.EndsWith('\n')
            ? null
            : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start "
                + "and end with an alphanumeric character";
    }

    /// <summary>Why a value is not a DNS-1123 subdomain (an object or ServiceAccount name).</summary>
    /// <param name="value">The value.</param>
    /// <returns>
    /// The problem in Kubernetes words, or <see langword="null"/> when the value is a valid subdomain.
    /// </returns>
    public static string? SubdomainProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > SmiBounds.MaxSubdomainLength)
        {
            return $"must be no more than {SmiBounds.MaxSubdomainLength} characters (a DNS-1123 subdomain), "
                + $"got {value.Length}";
        }

        return Subdomain().IsMatch(value) && !value.EndsWith('\n')
            ? null
            : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and "
                + "must start and end with an alphanumeric character";
    }

    /// <summary>Shows a value safely in a message: control characters escaped, long values shortened.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The quoted, printable value.</returns>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shown = value.Length > 80 ? value[..80] + "..." : value;
        var escaped = string.Concat(shown.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        return $"\"{escaped}\"";
    }

    [GeneratedRegex(LabelPattern, RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex(SubdomainPattern, RegexOptions.CultureInvariant)]
    private static partial Regex Subdomain();
}
