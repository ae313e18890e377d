using Smi.Abstractions.Snapshot;

namespace Smi.Controller.Reconcile;

/// <summary>The unit annotation of an output, <c>Kind/namespace/name</c>, which names the unit that wants it.</summary>
internal static class UnitAnnotation
{
    /// <summary>Parses a unit annotation, where the name may contain slashes.</summary>
    /// <param name="text">The annotation's value.</param>
    /// <returns>The unit, or null when the text is missing or malformed.</returns>
    public static UnitKey? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parts = text.Split('/', 3);
        return parts.Length == 3
            && Enum.TryParse<UnitKind>(parts[0], ignoreCase: false, out var kind)
            && Enum.IsDefined(kind)
                ? new UnitKey(kind, parts[1], parts[2])
                : null;
    }
}
