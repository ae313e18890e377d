namespace Smi.Metrics;

/// <summary>Names of the TrafficMetrics API group and its versions.</summary>
public static class TrafficMetricsApiVersions
{
    /// <summary>The API group.</summary>
    public const string Group = "metrics.smi-spec.io";

    /// <summary>Every served version, oldest first.</summary>
    public static IReadOnlyList<TrafficMetricsApiVersion> All { get; } = [
        TrafficMetricsApiVersion.V1Alpha1, TrafficMetricsApiVersion.V1Alpha2];

    /// <summary>The version's path segment, for example <c>v1alpha2</c>.</summary>
    /// <param name="version">The version.</param>
    /// <returns>The lower-case version name.</returns>
    public static string Name(TrafficMetricsApiVersion version) => version switch
    {
        TrafficMetricsApiVersion.V1Alpha1 => "v1alpha1",
        TrafficMetricsApiVersion.V1Alpha2 => "v1alpha2",
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Unknown TrafficMetrics version."),
    };

    /// <summary>The <c>apiVersion</c> string, for example <c>metrics.smi-spec.io/v1alpha1</c>.</summary>
    /// <param name="version">The version.</param>
    /// <returns>Group and version.</returns>
    public static string ApiVersion(TrafficMetricsApiVersion version) => Group + "/" + Name(version);

    /// <summary>Parses a version path segment.</summary>
    /// <param name="text">The segment, for example <c>v1alpha1</c>.</param>
    /// <param name="version">The parsed version.</param>
    /// <returns><see langword="true"/> when the version is served.</returns>
    public static bool TryParse(string text, out TrafficMetricsApiVersion version)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), text, StringComparison.Ordinal))
            {
                version = candidate;
                return true;
            }
        }

        version = default;
        return false;
    }
}
