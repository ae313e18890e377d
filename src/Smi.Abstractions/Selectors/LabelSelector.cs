namespace Smi.Abstractions.Selectors;

/// <summary>
/// A Kubernetes label selector in its query-string form (<c>app=web,tier!=db,env in (prod,stage),!legacy</c>).
/// </summary>
public sealed class LabelSelector
{
    private readonly List<LabelRequirement> requirements;

    private LabelSelector(List<LabelRequirement> requirements) => this.requirements = requirements;

    /// <summary>The selector that selects everything.</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>The parsed requirements, in the order written.</summary>
    public IReadOnlyList<LabelRequirement> Requirements => requirements;

    /// <summary>Parses a selector.</summary>
    /// <param name="text">The selector text.</param>
    /// <param name="selector">The parsed selector.</param>
    /// <param name="error">Why the text was rejected.</param>
    /// <returns><see langword="true"/> when the text is a valid selector.</returns>
    public static bool TryParse(string text, out LabelSelector selector, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        selector = new LabelSelector([]);
        error = null;
        foreach (var part in SplitTopLevel(text))
        {
            var item = part.Trim();
            if (item.Length == 0)
            {
                continue;
            }

            if (!TryParseRequirement(item, out var requirement))
            {
                error = $"invalid label selector \"{text}\" near \"{item}\"";
                return false;
            }

            selector.requirements.Add(requirement);
        }

        return true;
    }

    /// <summary>Whether an object with <paramref name="labels"/> is selected.</summary>
    /// <param name="labels">The object's labels.</param>
    /// <returns><see langword="true"/> when every requirement holds.</returns>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return requirements.TrueForAll(requirement => requirement.Matches(labels));
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
                default:
                    break;
            }
        }

        yield return text[start..];
    }

    private static bool TryParseRequirement(string item, out LabelRequirement requirement)
    {
        requirement = new LabelRequirement(string.Empty, LabelOperator.Exists, []);
        if (item.StartsWith('!'))
        {
            var key = item[1..].Trim();
            requirement = new LabelRequirement(key, LabelOperator.DoesNotExist, []);
            return IsLabelKey(key);
        }

        foreach (var (token, op) in new[] { ("!=", LabelOperator.NotIn), ("==", LabelOperator.In), (
            "=", LabelOperator.In) })
        {
            var at = item.IndexOf(token, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = item[..at].Trim();
                var value = item[(at + token.Length)..].Trim();
                requirement = new LabelRequirement(key, op, [value]);
                return IsLabelKey(key) && IsLabelValue(value);
            }
        }

        foreach (var (token, op) in new[] { (" notin ", LabelOperator.NotIn), (" in ", LabelOperator.In) })
        {
            var at = item.IndexOf(token, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = item[..at].Trim();
                var set = item[(at + token.Length)..].Trim();
                if (set.Length < 2 || set[0] != '(' || set[^1] != ')')
                {
                    return false;
                }

                var values = set[1..^1].Split(',', StringSplitOptions.TrimEntries);
                requirement = new LabelRequirement(key, op, values);
                return IsLabelKey(key) && values.All(IsLabelValue) && values.Any(value => value.Length > 0);
            }
        }

        requirement = new LabelRequirement(item, LabelOperator.Exists, []);
        return IsLabelKey(item);
    }

    private static bool IsLabelKey(string key) =>
        key.Length is > 0 and <= 317 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/');

    private static bool IsLabelValue(string value) =>
        value.Length <= 63 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
