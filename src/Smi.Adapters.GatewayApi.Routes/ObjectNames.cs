using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Smi.Adapters.GatewayApi.Routes;

/// <summary>Builds deterministic DNS-1123 object names of at most 63 characters.</summary>
internal static class ObjectNames
{
    /// <summary>The longest name produced.</summary>
    public const int MaxLength = 63;

    /// <summary>
    /// Joins parts with <c>-</c>, lower-cases, replaces characters outside <c>[a-z0-9-]</c> with <c>-</c>; a name
    /// longer than <see cref="MaxLength"/> is cut and ends in an 8-digit hash of the full name, so distinct inputs stay
    /// distinct.
    /// </summary>
    /// <param name="parts">The name parts.</param>
    /// <returns>The name.</returns>
    public static string Compose(params object[] parts)
    {
        var joined = string.Join(
            "-", parts.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture))
            .Where(p => !string.IsNullOrEmpty(p)));
        var text = new StringBuilder(joined.Length);
        foreach (var c in joined.ToLowerInvariant())
        {
            var valid = c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
            if (valid)
            {
                text.Append(c);
            }
            else if (text.Length > 0 && text[^1] != '-')
            {
                text.Append('-');
            }
        }

        var name = text.ToString().Trim('-');
        if (name.Length is > 0 and <= MaxLength)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)))[..8];
        var keep = name[..Math.Min(name.Length, MaxLength - hash.Length - 1)].TrimEnd('-');
        return keep.Length == 0 ? hash : $"{keep}-{hash}";
    }
}
