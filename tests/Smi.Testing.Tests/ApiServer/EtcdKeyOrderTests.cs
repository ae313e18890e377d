using CsCheck;
using Smi.Testing.ApiServer;

namespace Smi.Testing.Tests.ApiServer;

/// <summary>
/// The order of stored objects in a list is that of their etcd keys, <c>namespace/name</c> compared by characters:
/// <see cref="EtcdKeyOrder"/> gives it without building the text, for keys against keys and against a continue
/// token's start.
/// </summary>
public sealed class EtcdKeyOrderTests
{
    private static readonly string Seed = PropertySeed.Or("0EtcdKeyOrd01");

    // Few characters, so that namespaces extend one another ("a" and "a-b") and names tie; '/' and '\0' as a continue
    // token's start holds them.
    private static readonly Gen<string> Text =
        Gen.Int[0, 3].Select(i => "-ab/"[i]).Array[0, 4].Select(chars => new string(chars));

    private static readonly Gen<ObjectKey> Key = Gen.Select(Text, Text, (ns, name) => new ObjectKey("s", ns, name));

    [Fact]
    public void Keys_Are_Ordered_As_Their_Texts()
    {
        Gen.Select(Key, Key).Sample(
            (x, y) => Math.Sign(EtcdKeyOrder.Instance.Compare(x, y)) == Math.Sign(
                string.CompareOrdinal(EtcdKeyOrder.Position(x), EtcdKeyOrder.Position(y))),
            seed: Seed,
            iter: 20_000,
            print: p => $"{EtcdKeyOrder.Position(p.Item1)} against {EtcdKeyOrder.Position(p.Item2)}");
    }

    [Fact]
    public void A_Key_Is_Ordered_Against_A_Position_As_Its_Text()
    {
        var position = Gen.OneOf(
            Text, Key.Select(EtcdKeyOrder.Position), Key.Select(k => EtcdKeyOrder.Position(k) + "\0"));
        Gen.Select(Key, position).Sample(
            (key, start) => Math.Sign(EtcdKeyOrder.Compare(key, start)) == Math.Sign(
                string.CompareOrdinal(EtcdKeyOrder.Position(key), start)),
            seed: Seed,
            iter: 20_000,
            print: p => $"{EtcdKeyOrder.Position(p.Item1)} against "
                + p.Item2.Replace("\0", "\\0", StringComparison.Ordinal));
    }
}
