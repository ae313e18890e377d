namespace Smi.Testing.ApiServer;

/// <summary>
/// The order etcd keeps an object's key in, <c>namespace/name</c> by its characters (ordinal), without building that
/// text: "a-b/q" comes before "a/x", because '-' sorts before '/'.
/// </summary>
internal sealed class EtcdKeyOrder : IComparer<ObjectKey>
{
    public static EtcdKeyOrder Instance { get; } = new();

    /// <summary>The position of a key as a continue token names it.</summary>
    public static string Position(ObjectKey key) => key.Namespace + "/" + key.Name;

    public int Compare(ObjectKey x, ObjectKey y)
    {
        if (string.Equals(x.Namespace, y.Namespace, StringComparison.Ordinal))
        {
            return string.CompareOrdinal(x.Name, y.Name);
        }

        var common = Math.Min(x.Namespace.Length, y.Namespace.Length);
        var order = x.Namespace.AsSpan(0, common).SequenceCompareTo(y.Namespace.AsSpan(0, common));

        // One namespace extends the other (rare): compare the texts themselves.
        return order != 0 ? order : string.CompareOrdinal(Position(x), Position(y));
    }

    /// <summary>The order of a key against a position (<c>namespace/name</c>, as a continue token's start).</summary>
    public static int Compare(ObjectKey key, string position)
    {
        var ns = key.Namespace;
        var common = Math.Min(ns.Length, position.Length);
        var order = ns.AsSpan(0, common).SequenceCompareTo(position.AsSpan(0, common));
        if (order != 0)
        {
            return order;
        }

        if (ns.Length >= position.Length)
        {
            // The position ends within the namespace, or just after it: the key's text is the longer.
            return 1;
        }

        order = '/'.CompareTo(position[ns.Length]);
        return order != 0 ? order : key.Name.AsSpan().SequenceCompareTo(position.AsSpan(ns.Length + 1));
    }
}
