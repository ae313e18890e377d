using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Smi.Abstractions.Serialization;
using Smi.Testing;

namespace Smi.Abstractions.Tests.YamlOutput;

/// <summary>
/// The block writer writes every document it accepts byte for byte as YamlDotNet's emitter does, for random nested
/// objects whose keys and strings mix indicators, quotes, colons, hashes, spaces, numbers and YAML 1.1 words; and it
/// refuses what it does not know (non-ASCII, control characters) rather than writing it differently.
/// </summary>
public sealed class BlockYamlWriterPropertyTests
{
    private static readonly string Seed = PropertySeed.Or("0N3BlockYaml");

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String[Gen.Char["ab-:#?'\" .,[]{}&*!|>%@`~/\\=+0123456789"], 0, 8],
        Gen.OneOf(
            Gen.Const("yes"), Gen.Const("null"), Gen.Const("---x"), Gen.Const("...y"), Gen.Const("a: b"),
            Gen.Const("a #b"), Gen.Const("- x"), Gen.Const("-x"), Gen.Const("http://h:80/p"), Gen.Const("it's"),
            Gen.Const("k: it's"), Gen.Const("\"q\" and 'q'"), Gen.Const("é"), Gen.Const("tab\t"), Gen.Const("0x1F"),
            Gen.Const("^/api(/.*)?$"), Gen.Const("trail:"), Gen.Const(" lead"), Gen.Const("2001-01-01")));

    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf<JsonNode?>(
        Text.Select(t => (JsonNode?)JsonValue.Create(t)),
        Gen.Int[-5, 100_000].Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Const(() => (JsonNode?)null),
        Gen.Const(0).Select(_ => (JsonNode?)new JsonObject()),
        Gen.Const(0).Select(_ => (JsonNode?)new JsonArray()));

    [Fact]
    public void AcceptedDocuments_AreWrittenAsTheEmitterWritesThem()
    {
        var accepted = 0;
        Mapping(3).Sample(
            obj =>
            {
                var output = new StringBuilder();
                if (!BlockYamlWriter.TryWrite(output, obj))
                {
                    Assert.Equal(0, output.Length);
                    return;
                }

                accepted++;
                Assert.Equal(ManifestWriter.ToYamlWithEmitter(obj), output.ToString());
            },
            seed: Seed,
            iter: 3_000,
            threads: 1,
            print: obj => obj.ToJsonString());

        // Most generated documents are plain ASCII; a writer that refused everything would pass the loop above.
        Assert.True(accepted > 1_000, $"only {accepted} of 3,000 documents were accepted");
    }

    [Fact]
    public void DocumentsWithNonAsciiOrControlCharacters_AreRefused()
    {
        foreach (var text in (string[])["é", "a\tb", "line\nbreak", "\u2028"])
        {
            var output = new StringBuilder();
            Assert.False(BlockYamlWriter.TryWrite(output, new JsonObject { ["k"] = new JsonArray("x", text) }));
            Assert.Equal(0, output.Length);
        }
    }

    private static Gen<JsonObject> Mapping(int depth) =>
        Gen.Select(Text, Node(depth - 1)).Array[1, 4].Select(entries =>
        {
            var obj = new JsonObject();
            foreach (var (key, value) in entries)
            {
                obj.TryAdd(key, value);
            }

            return obj;
        });

    private static Gen<JsonNode?> Node(int depth) => depth <= 0
        ? Scalar
        : Gen.Frequency(
            (3, Scalar),
            (1, Mapping(depth).Select(o => (JsonNode?)o)),
            (1, Node(depth - 1).Array[1, 3].Select(items => (JsonNode?)new JsonArray(items))));
}
