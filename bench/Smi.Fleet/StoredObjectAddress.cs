namespace Smi.Fleet;

/// <summary>Where the API server keeps an object: API version, plural resource name, namespace and name.</summary>
/// <param name="ApiVersion">e.g. <c>networking.istio.io/v1</c>.</param>
/// <param name="Plural">The plural resource name.</param>
/// <param name="Namespace">The namespace; null for cluster-scoped objects.</param>
/// <param name="Name">The name.</param>
public sealed record StoredObjectAddress(string ApiVersion, string Plural, string? Namespace, string Name)
{
    /// <summary>The address as the <c>serve</c> commands take it: four words, <c>-</c> for no namespace.</summary>
    /// <returns>The words.</returns>
    public string ToCommandArguments() => $"{ApiVersion} {Plural} {Namespace ?? "-"} {Name}";

    /// <summary>Reads the four words of <see cref="ToCommandArguments"/>.</summary>
    /// <param name="words">The words.</param>
    /// <returns>The address.</returns>
    public static StoredObjectAddress FromCommandArguments(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count != 4)
        {
            throw new FormatException($"an address is four words (apiVersion plural namespace name), not {words.Count}");
        }

        return new StoredObjectAddress(words[0], words[1], words[2] == "-" ? null : words[2], words[3]);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Plural}.{ApiVersion} {(Namespace is null ? string.Empty : Namespace + "/")}{Name}";
}
