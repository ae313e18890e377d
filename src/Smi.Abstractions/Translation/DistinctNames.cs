using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Smi.Abstractions.Translation;

/// <summary>
/// Building blocks for names of generated objects that are distinct by construction. A translator keeps a readable
/// name only when it is plain (<see cref="IsPlain"/>): lower-case letters, digits and inner dashes, not reserved,
/// and not ending in what looks like a hash suffix. Any other input gets <see cref="WithHash"/>, a suffix computed
/// from every input that produced the name, so two different inputs never share a name and no hashed name equals
/// a plain one (up to collisions of a 32-bit hash, which <see cref="TranslationResult.Sorted"/> still refuses).
/// </summary>
public static partial class DistinctNames
{
    /// <summary>The number of hexadecimal digits of a hash suffix.</summary>
    public const int HashLength = 8;

    /// <summary>
    /// Whether a name part can be used as it is: DNS-1123 label characters only, not one of
    /// <paramref name="reserved"/> nor starting with one followed by a dash, and not ending in a dash and
    /// <see cref="HashLength"/> hexadecimal digits.
    /// </summary>
    /// <param name="part">A part taken from user input (a ServiceAccount or TrafficTarget name, say).</param>
    /// <param name="reserved">Names (and prefixes) the translator uses for objects of its own.</param>
    /// <returns>True when the part can be used without a hash suffix.</returns>
    public static bool IsPlain(string part, params string[] reserved)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(reserved);
        return PlainPattern().IsMatch(part)
            && !HashSuffixPattern().IsMatch(part)
            && !reserved.Any(r => part == r || part.StartsWith($"{r}-", StringComparison.Ordinal));
    }

    /// <summary>A readable name followed by a dash and the hash of <paramref name="inputs"/>.</summary>
    /// <param name="readable">The readable part.</param>
    /// <param name="inputs">Every input that produces the name (kinds included), in a fixed order.</param>
    /// <returns>The name.</returns>
    public static string WithHash(string readable, params string[] inputs) => $"{readable}-{Hash(inputs)}";

    /// <summary>
    /// The first <see cref="HashLength"/> lower-case hexadecimal digits of the SHA-256 of the inputs, each followed
    /// by a NUL character so that ("a-b") and ("a", "b") differ.
    /// </summary>
    /// <param name="inputs">The inputs.</param>
    /// <returns>The hash.</returns>
    public static string Hash(params string[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var text = string.Concat(inputs.Select(i => $"{i}\0"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..HashLength];
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainPattern();

    [GeneratedRegex("-[0-9a-f]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex HashSuffixPattern();
}
