using System.Globalization;
using System.Text.RegularExpressions;

namespace Smi.Abstractions.Crds;

/// <summary>
/// Kubernetes version priority: GA before beta before alpha, higher numbers first (<c>v1</c>, <c>v1beta2</c>,
/// <c>v1beta1</c>, <c>v1alpha4</c>, ...); names of another shape come last, in ordinal order.
/// </summary>
internal sealed partial class KubeVersionOrder : IComparer<string>
{
    /// <summary>The shared instance.</summary>
    public static KubeVersionOrder Instance { get; } = new();

    /// <summary>Compares so that the version with the higher priority sorts first.</summary>
    public int Compare(string? x, string? y)
    {
        var (rankX, majorX, minorX) = Parse(x);
        var (rankY, majorY, minorY) = Parse(y);
        var byRank = rankY.CompareTo(rankX);
        if (byRank != 0)
        {
            return byRank;
        }

        if (rankX == 0)
        {
            return string.CompareOrdinal(x, y);
        }

        var byMajor = majorY.CompareTo(majorX);
        return byMajor != 0 ? byMajor : minorY.CompareTo(minorX);
    }

    private static (int Rank, int Major, int Minor) Parse(string? version)
    {
        var match = version is null ? Match.Empty : Shape().Match(version);
        if (!match.Success)
        {
            return (0, 0, 0);
        }

        var major = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "alpha" => (1, major, int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture)),
            "beta" => (2, major, int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture)),
            _ => (3, major, 0),
        };
    }

    [GeneratedRegex(@"^v([0-9]{1,9})(?:(alpha|beta)([0-9]{1,9}))?$")]
    private static partial Regex Shape();
}
