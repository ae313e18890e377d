namespace Smi.Controller.Cache;

/// <summary>
/// One instance of each of the strings seen lately, for values that change over time but repeat over many objects
/// while they last (the transition times of status conditions written in one burst): a small table by hash, each slot
/// holding the last string that fell into it. Unlike <see cref="SharedStrings"/> it never fills up; a string whose slot
/// another took is kept as it is.
/// </summary>
internal static class RecentStrings
{
    /// <summary>The number of slots (a power of two).</summary>
    public const int Slots = 1024;

    private static readonly string?[] Table = new string?[Slots];

    /// <summary>The instance last seen equal to <paramref name="value"/>, or the value itself, which then takes its
    /// slot.</summary>
    /// <param name="value">The string.</param>
    /// <returns>An equal string.</returns>
    public static string Of(string value)
    {
        if (value.Length == 0)
        {
            return string.Empty;
        }

        var slot = StringComparer.Ordinal.GetHashCode(value) & (Slots - 1);
        var seen = Volatile.Read(ref Table[slot]);
        if (seen is not null && string.Equals(seen, value, StringComparison.Ordinal))
        {
            return seen;
        }

        Volatile.Write(ref Table[slot], value);
        return value;
    }
}
