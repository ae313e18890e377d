using System.Buffers.Binary;
using System.Collections.Immutable;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Smi.Abstractions;

namespace Smi.Controller.Reconcile;

/// <summary>
/// What a unit read and wrote when it was last reconciled to the end: how many inputs it had and one 128-bit hash of
/// them all with their fingerprints (an input not in the cache hashed as such), and the keys of the outputs it wanted.
/// A resync skips the unit while its inputs are the same and each of those outputs is live exactly as the controller
/// last applied it.
/// </summary>
/// <param name="InputCount">The number of inputs.</param>
/// <param name="InputsHash">The hash of the inputs and their fingerprints, in the unit index's order
/// (<see cref="HashOf"/>).</param>
/// <param name="Outputs">The keys of the outputs the unit wanted, each once.</param>
internal sealed record UnitMemo(int InputCount, UInt128 InputsHash, ImmutableArray<ResourceRef> Outputs)
{
    /// <summary>The memo of a unit with these inputs and wanted outputs.</summary>
    /// <param name="inputs">The inputs and their fingerprints (null when the input was not in the cache).</param>
    /// <param name="outputs">The keys of the outputs the unit wanted.</param>
    /// <returns>The memo.</returns>
    public static UnitMemo Of(
        IReadOnlyList<(ResourceRef Input, UInt128? Fingerprint)> inputs, IEnumerable<ResourceRef> outputs) =>
        new(inputs.Count, HashOf(inputs), [.. outputs.Distinct()]);

    /// <summary>Whether <paramref name="inputs"/> are the inputs this memo was taken with, unchanged.</summary>
    /// <param name="inputs">The unit's inputs and their fingerprints now.</param>
    /// <returns><see langword="true"/> when every input and fingerprint is the same.</returns>
    public bool SameInputs(IReadOnlyList<(ResourceRef Input, UInt128? Fingerprint)> inputs) =>
        inputs.Count == InputCount && HashOf(inputs) == InputsHash;

    /// <summary>Whether the unit wanted an output with this key.</summary>
    /// <param name="key">The output's key.</param>
    /// <returns><see langword="true"/> when it is one of <see cref="Outputs"/>.</returns>
    public bool Wanted(ResourceRef key) => Outputs.Contains(key);

    /// <summary>
    /// The hash of inputs with their fingerprints, in order: of each, what <see cref="ResourceRef"/> equality compares
    /// (group, kind, namespace, name, each with its length) and the fingerprint or its absence.
    /// </summary>
    /// <param name="inputs">The inputs.</param>
    /// <returns>The 128-bit hash.</returns>
    public static UInt128 HashOf(IReadOnlyList<(ResourceRef Input, UInt128? Fingerprint)> inputs)
    {
        var hash = new XxHash128();
        Span<byte> number = stackalloc byte[16];
        foreach (var (input, fingerprint) in inputs)
        {
            var slash = input.ApiVersion.IndexOf('/', StringComparison.Ordinal);
            Append(hash, slash >= 0 ? input.ApiVersion.AsSpan(0, slash) : [], number);
            Append(hash, input.Kind, number);
            Append(hash, input.Namespace is null ? "\0" : input.Namespace, number);
            Append(hash, input.Name, number);
            number[0] = fingerprint.HasValue ? (byte)1 : (byte)0;
            hash.Append(number[..1]);
            BinaryPrimitives.WriteUInt128LittleEndian(number, fingerprint ?? UInt128.Zero);
            hash.Append(number);
        }

        return hash.GetCurrentHashAsUInt128();
    }

    private static void Append(XxHash128 hash, ReadOnlySpan<char> text, Span<byte> number)
    {
        BinaryPrimitives.WriteInt32LittleEndian(number, text.Length);
        hash.Append(number[..4]);
        hash.Append(MemoryMarshal.AsBytes(text));
    }
}
