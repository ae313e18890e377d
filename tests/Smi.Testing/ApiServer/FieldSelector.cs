using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer;

/// <summary>A parsed <c>fieldSelector</c> of <c>=</c>, <c>==</c> and <c>!=</c> terms on dotted field paths (metadata.name, metadata.namespace, ...).</summary>
internal sealed class FieldSelector
{
    private readonly List<(string[] Path, string Value, bool Negate)> _terms = [];

    public static FieldSelector Everything { get; } = new();

    /// <summary>Whether the selector has no term: every object matches.</summary>
    public bool IsEmpty => _terms.Count == 0;

    /// <summary>The value required for metadata.name, when the selector pins it.</summary>
    public string? Name => _terms.FirstOrDefault(t => !t.Negate && t.Path is ["metadata", "name"]).Value;

    public static FieldSelector Parse(string? text)
    {
        var selector = new FieldSelector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }

        foreach (var term in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var negate = term.Contains("!=", StringComparison.Ordinal);
            var op = negate ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=";
            var index = term.IndexOf(op, StringComparison.Ordinal);
            if (index <= 0)
            {
                throw new ApiErrorException(KubernetesStatus.BadRequest($"invalid selector: '{text}'; can't understand '{term}'"));
            }

            selector._terms.Add((term[..index].Trim().Split('.'), term[(index + op.Length)..].Trim(), negate));
        }

        return selector;
    }

    public bool Matches(JsonObject obj)
    {
        foreach (var (path, value, negate) in _terms)
        {
            JsonNode? node = obj;
            foreach (var segment in path)
            {
                node = node is JsonObject o ? o[segment] : null;
            }

            var actual = node switch
            {
                null => string.Empty,
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                _ => node.ToJsonString(),
            };
            if ((actual == value) == negate)
            {
                return false;
            }
        }

        return true;
    }
}
