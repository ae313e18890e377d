using System.Text.Json;
using System.Text.RegularExpressions;

namespace Smi.Abstractions.Serialization;

/// <summary>
/// Says what a typed reader expected in the words of the Kubernetes API ("expected a string, got a number") rather
/// than in .NET type names.
/// </summary>
internal static partial class FieldTypeWords
{
    /// <summary>Describes a type mismatch that <see cref="JsonException"/> reported.</summary>
    /// <param name="error">The exception.</param>
    /// <param name="actual">The value found at the exception's path, when it could be found.</param>
    /// <returns>For example <c>expected a string, got a number</c>.</returns>
    public static string Describe(JsonException error, JsonValueKind? actual)
    {
        var match = TargetType().Match(error.Message);
        var expected = match.Success ? Expected(match.Groups[1].Value) : "another type";
        return actual is { } kind ? $"expected {expected}, got {Got(kind)}" : $"expected {expected}";
    }

    /// <summary>Names a JSON value kind as a Kubernetes user would.</summary>
    public static string Got(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "a mapping",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Expected(string type) => type switch
    {
        "System.String" => "a string",
        "System.Boolean" => "a boolean",
        "System.Int32" or "System.Int64" or "System.Nullable`1[System.Int32]" or "System.Nullable`1[System.Int64]"
            => "an integer",
        "System.Decimal" or "System.Double" or "System.Nullable`1[System.Decimal]"
            or "System.Nullable`1[System.Double]" => "a number",
        _ when type.Contains("List", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal)
            => "a list",
        _ when type.Contains("Dictionary", StringComparison.Ordinal) => "a mapping",
        _ when type.Contains("IntOrString", StringComparison.Ordinal) => "an integer or a string",
        _ when type.Contains("Quantity", StringComparison.Ordinal) => "a quantity (a number or a string)",
        _ => "a mapping",
    };

    [GeneratedRegex(@"could not be converted to ([^ .]+(\.[^ .]+)*)\.?( |$)")]
    private static partial Regex TargetType();
}
