using System.Collections.Concurrent;

namespace Smi.Controller.Cache;

/// <summary>
/// One instance of each namespace, label key and value, and annotation key the cache holds: a fleet repeats few of
/// them over many objects, so the objects share them instead of each keeping its own copy. Bounded: once it holds
/// <see cref="Capacity"/> strings, further ones are kept as they are, not shared.
/// </summary>
internal static class SharedStrings
{
    /// <summary>The most strings shared.</summary>
    public const int Capacity = 16_384;

    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);

    /// <summary>The shared instance equal to <paramref name="value"/>; the value itself when none is and the pool is
    /// full.</summary>
    /// <param name="value">The string.</param>
    /// <returns>An equal string.</returns>
    public static string Of(string value)
    {
        if (value.Length == 0)
        {
            return string.Empty;
        }

        if (Pool.TryGetValue(value, out var shared))
        {
            return shared;
        }

        return Pool.Count < Capacity ? Pool.GetOrAdd(value, value) : value;
    }
}
