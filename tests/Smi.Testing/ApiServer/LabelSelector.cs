using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer;

/// <summary>
/// A parsed <c>labelSelector</c>: comma-separated requirements <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>,
/// <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c> (exists) and <c>!k</c> (does not exist).
/// </summary>
internal sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements = [];

    public static LabelSelector Everything { get; } = new();

    /// <summary>Parses a selector; throws <see cref="ApiErrorException"/> (400) when malformed.</summary>
    public static LabelSelector Parse(string? text)
    {
        var selector = new LabelSelector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }

        foreach (var requirement in SplitTopLevel(text))
        {
            selector._requirements.Add(ParseRequirement(requirement.Trim(), text));
        }

        return selector;
    }

    public bool Matches(JsonObject obj)
    {
        if (_requirements.Count == 0)
        {
            return true;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"]?["labels"] is JsonObject labelObject)
        {
            foreach (var (key, value) in labelObject)
            {
                labels[key] = value?.ToString() ?? string.Empty;
            }
        }

        return _requirements.All(r => r(labels));
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseRequirement(string requirement, string selector)
    {
        if (requirement.Length == 0)
        {
            throw Invalid(selector);
        }

        if (requirement.StartsWith('!') && !requirement.Contains('='))
        {
            var key = ValidKey(requirement[1..].Trim(), selector);
            return labels => !labels.ContainsKey(key);
        }

        foreach (var (op, negate) in new[] { ("!=", true), ("==", false), ("=", false) })
        {
            var index = requirement.IndexOf(op, StringComparison.Ordinal);
            if (index > 0)
            {
                var key = ValidKey(requirement[..index].Trim(), selector);
                var value = requirement[(index + op.Length)..].Trim();
                return negate
                    ? labels => !labels.TryGetValue(key, out var actual) || actual != value
                    : labels => labels.TryGetValue(key, out var actual) && actual == value;
            }
        }

        var words = requirement.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 2)
        {
            var key = ValidKey(words[0], selector);
            var rest = words[1];
            var notIn = rest.StartsWith("notin", StringComparison.Ordinal);
            var isIn = !notIn && rest.StartsWith("in", StringComparison.Ordinal);
            var setText = rest[(notIn ? 5 : isIn ? 2 : 0)..].Trim();
            if ((!notIn && !isIn) || !setText.StartsWith('(') || !setText.EndsWith(')'))
            {
                throw Invalid(selector);
            }

            var values = setText[1..^1].Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            return notIn
                ? labels => !labels.TryGetValue(key, out var actual) || !values.Contains(actual)
                : labels => labels.TryGetValue(key, out var actual) && values.Contains(actual);
        }

        var existsKey = ValidKey(requirement, selector);
        return labels => labels.ContainsKey(existsKey);
    }

    private static string ValidKey(string key, string selector) =>
        key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or ',' or '=' or '!') ? throw Invalid(selector) : key;

    private static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
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
                    parts.Add(text[start..i]);
                    start = i + 1;
                    break;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private static ApiErrorException Invalid(string selector) =>
        new(KubernetesStatus.BadRequest($"unable to parse requirement: found '{selector}', expected: valid label selector"));
}
