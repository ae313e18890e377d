using System.Text.Json.Serialization;
using Smi.Abstractions.Selectors;

namespace Smi.Metrics.Model;

/// <summary>A meta/v1 <c>LabelSelector</c> as served in a TrafficMetricsList.</summary>
public sealed class LabelSelectorDocument
{
    /// <summary>Equality requirements.</summary>
    [JsonPropertyName("matchLabels")]
    [JsonPropertyOrder(0)]
    public SortedDictionary<string, string> MatchLabels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Set-based requirements.</summary>
    [JsonPropertyName("matchExpressions")]
    [JsonPropertyOrder(1)]
    public List<LabelSelectorRequirementDocument> MatchExpressions { get; set; } = [];

    /// <summary>
    /// The selector as served in a TrafficMetricsList: equality tests in <c>matchLabels</c>, the rest as expressions.
    /// </summary>
    /// <param name="selector">The parsed selector.</param>
    /// <returns>The wire form.</returns>
    public static LabelSelectorDocument From(LabelSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var document = new LabelSelectorDocument();
        foreach (var requirement in selector.Requirements)
        {
            if (requirement.Operator == LabelOperator.In && requirement.Values.Count == 1
                && !document.MatchLabels.ContainsKey(requirement.Key))
            {
                document.MatchLabels[requirement.Key] = requirement.Values[0];
                continue;
            }

            document.MatchExpressions.Add(new LabelSelectorRequirementDocument
            {
                Key = requirement.Key,
                Operator = requirement.Operator switch
                {
                    LabelOperator.In => "In",
                    LabelOperator.NotIn => "NotIn",
                    LabelOperator.Exists => "Exists",
                    _ => "DoesNotExist",
                },
                Values = requirement.Values.Count == 0 ? null : [.. requirement.Values],
            });
        }

        return document;
    }
}
