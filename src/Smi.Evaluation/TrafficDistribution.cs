using System.Collections.Immutable;
using System.Globalization;

namespace Smi.Evaluation;

/// <summary>
/// The share of a request's traffic each backend Service gets: fractions that add up to 1, or no entry at all when
/// the mesh routes the request nowhere (for example an Istio VirtualService without a matching route).
/// </summary>
public sealed class TrafficDistribution
{
    private TrafficDistribution(ImmutableSortedDictionary<string, decimal> shares) => Shares = shares;

    /// <summary>A request that no route accepts.</summary>
    public static TrafficDistribution None { get; } = new(ImmutableSortedDictionary<string, decimal>.Empty);

    /// <summary>The fraction of the traffic per backend Service name, without zero entries.</summary>
    public ImmutableSortedDictionary<string, decimal> Shares { get; }

    /// <summary>All traffic to one Service.</summary>
    /// <param name="service">The Service name.</param>
    /// <returns>The distribution.</returns>
    public static TrafficDistribution All(string service) => FromWeights([(service, 1m)]);

    /// <summary>Proportional weights as fractions; repeated services add up, zero weights are left out.</summary>
    /// <param name="weights">The services and their non-negative weights.</param>
    /// <returns>The distribution, <see cref="None"/> when no weight is positive.</returns>
    public static TrafficDistribution FromWeights(IEnumerable<(string Service, decimal Weight)> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var list = weights.Where(w => w.Weight > 0).ToList();
        var sum = list.Sum(w => w.Weight);
        if (sum <= 0)
        {
            return None;
        }

        var shares = ImmutableSortedDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
        foreach (var (service, weight) in list)
        {
            shares[service] = shares.GetValueOrDefault(service) + (weight / sum);
        }

        return new TrafficDistribution(shares.ToImmutable());
    }

    /// <summary>Weighs other distributions, for example the splits a Consul ServiceSplitter hands on.</summary>
    /// <param name="parts">The distributions and their weights.</param>
    /// <returns>The combined distribution.</returns>
    public static TrafficDistribution Combine(IEnumerable<(TrafficDistribution Part, decimal Weight)> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return FromWeights(parts.SelectMany(p => p.Part.Shares.Select(s => (s.Key, s.Value * p.Weight))));
    }

    /// <summary>The largest difference of one Service's share between two distributions, in points.</summary>
    /// <param name="other">The other distribution.</param>
    /// <returns>The difference; 100 when one routes the request and the other does not.</returns>
    public decimal LargestDifferencePoints(TrafficDistribution other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Shares.IsEmpty != other.Shares.IsEmpty)
        {
            return 100m;
        }

        return Shares.Keys.Union(other.Shares.Keys)
            .Select(k => Math.Abs(Shares.GetValueOrDefault(k) - other.Shares.GetValueOrDefault(k)) * 100m)
            .DefaultIfEmpty(0m)
            .Max();
    }

    /// <inheritdoc/>
    public override string ToString() => Shares.IsEmpty
        ? "(no route)"
        : string.Join(", ", Shares.Select(s =>
            $"{s.Key} {Math.Round(s.Value * 100m, 4).ToString("0.####", CultureInfo.InvariantCulture)}%"));
}
