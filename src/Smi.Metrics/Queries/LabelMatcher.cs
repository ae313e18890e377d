namespace Smi.Metrics.Queries;

/// <summary>One PromQL label matcher, such as <c>direction="inbound"</c> or <c>response_code=~"5.."</c>.</summary>
/// <param name="Label">The label name.</param>
/// <param name="Operator"><c>=</c>, <c>!=</c>, <c>=~</c> or <c>!~</c>.</param>
/// <param name="Value">The value or RE2 regular expression, unquoted.</param>
public sealed record LabelMatcher(string Label, string Operator, string Value)
{
    /// <summary><c>label="value"</c>.</summary>
    /// <param name="label">The label name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The matcher.</returns>
    public static LabelMatcher Equal(string label, string value) => new(label, "=", value);

    /// <summary><c>label!=""</c>: the label is present.</summary>
    /// <param name="label">The label name.</param>
    /// <returns>The matcher.</returns>
    public static LabelMatcher Present(string label) => new(label, "!=", string.Empty);

    /// <inheritdoc/>
    public override string ToString() => Label + Operator + PromQl.Quote(Value);
}
