namespace Smi.Abstractions.Selectors;

/// <summary>One requirement of a <see cref="LabelSelector"/>.</summary>
/// <param name="Key">The label key.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Values">The values compared with (empty for <see cref="LabelOperator.Exists"/> and
/// <see cref="LabelOperator.DoesNotExist"/>).</param>
public sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlyList<string> Values)
{
    /// <summary>Whether <paramref name="labels"/> satisfy the requirement.</summary>
    /// <param name="labels">An object's labels.</param>
    /// <returns><see langword="true"/> when satisfied.</returns>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var present = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            LabelOperator.In => present && Values.Contains(value),
            LabelOperator.NotIn => !present || !Values.Contains(value),
            LabelOperator.Exists => present,
            _ => !present,
        };
    }
}
