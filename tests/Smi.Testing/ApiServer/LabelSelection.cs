using System.Text.Json.Nodes;
using Smi.Abstractions.Selectors;

namespace Smi.Testing.ApiServer;

/// <summary>The <c>labelSelector</c> query parameter, parsed with the shared <see cref="LabelSelector"/>.</summary>
internal static class LabelSelection
{
    /// <summary>Parses a selector; throws <see cref="ApiErrorException"/> (400) when malformed, as the real server answers.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return LabelSelector.Everything;
        }

        return LabelSelector.TryParse(text, out var selector, out _)
            ? selector
            : throw new ApiErrorException(KubernetesStatus.BadRequest($"unable to parse requirement: found '{text}', expected: valid label selector"));
    }

    /// <summary>Whether a stored object's <c>metadata.labels</c> satisfy the selector.</summary>
    public static bool Matches(this LabelSelector selector, JsonObject obj)
    {
        if (selector.Requirements.Count == 0)
        {
            // No requirement: every object matches, whatever its labels (each watch event and list item asks).
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

        return selector.Matches(labels);
    }
}
