using CsCheck;
using Smi.Abstractions.Translation;

namespace Smi.Evaluation.Tests;

/// <summary>
/// SMI's meaning of a path regex (start-anchored; a <c>$</c> ends only its own branch) against the full-match pattern
/// the adapters render, run as the meshes run it: RE2 (Istio, Consul, Envoy) and Rust regex (Linkerd), on generated
/// alternations with literal and character-class branches and generated paths (branches, longer paths, near misses).
/// </summary>
public sealed class PathRegexEnginePropertyTests
{
    private const string Seed = "0N0XIzNsQ0O4";

    private static readonly (string Pattern, Func<string, bool> Prefix, Func<string, bool> Whole)[] Atoms =
    [
        ("/api", p => p.StartsWith("/api", StringComparison.Ordinal), p => p == "/api"),
        ("/status", p => p.StartsWith("/status", StringComparison.Ordinal), p => p == "/status"),
        ("/a", p => p.StartsWith("/a", StringComparison.Ordinal), p => p == "/a"),
        ("/v\\d", p => p.Length >= 3 && p.StartsWith("/v", StringComparison.Ordinal) && char.IsAsciiDigit(p[2]),
            p => p.Length == 3 && p.StartsWith("/v", StringComparison.Ordinal) && char.IsAsciiDigit(p[2])),
        ("/[a-c]x", p => p.Length >= 3 && p[0] == '/' && p[1] is >= 'a' and <= 'c' && p[2] == 'x',
            p => p.Length == 3 && p[0] == '/' && p[1] is >= 'a' and <= 'c' && p[2] == 'x'),
    ];

    private static readonly Gen<(int Atom, bool Caret, bool End)> BranchGen =
        Gen.Select(Gen.Int[0, Atoms.Length - 1], Gen.Bool, Gen.Bool, (a, c, e) => (a, c, e));

    private static readonly Gen<string> NoiseGen = Gen.String[Gen.Char["/abcvx19\u0663"], 0, 5];

    [Theory]
    [InlineData(RegexDialect.Re2)]
    [InlineData(RegexDialect.RustRegex)]
    internal void RenderedPattern_UnderTheMeshEngine_MatchesExactlyThePathsSmiMeans(RegexDialect dialect)
    {
        Gen.Select(BranchGen.Array[1, 4], NoiseGen, (b, n) => (Branches: b, Noise: n)).Sample(
            c =>
            {
                var smi = string.Join('|', c.Branches.Select(b =>
                    (b.Caret ? "^" : string.Empty) + Atoms[b.Atom].Pattern + (b.End ? "$" : string.Empty)));
                var rendered = RegexAnchoring.FullMatchPath(smi);
                // Rust's \d also takes non-ASCII digits (U+0663 here), where SMI (Go/RE2 syntax) means [0-9]; the
                // Rust case runs on ASCII paths only and that difference is left to the Linkerd rendering.
                foreach (var path in Paths(c.Noise).Where(p => dialect == RegexDialect.Re2 || p.All(char.IsAscii)))
                {
                    var wanted = c.Branches.Any(b => b.End ? Atoms[b.Atom].Whole(path) : Atoms[b.Atom].Prefix(path));
                    if (FullMatch.IsMatch(rendered, path, dialect) != wanted)
                    {
                        throw new InvalidOperationException(
                            $"{dialect}: pathRegex '{smi}' rendered '{rendered}': path '{path}' SMI "
                            + $"{(wanted ? "matches" : "does not match")}, the mesh engine disagrees");
                    }
                }
            },
            seed: Seed,
            iter: 2000,
            threads: 1,
            print: c => string.Join(' ', c.Branches) + " noise=" + c.Noise);
    }

    private static IEnumerable<string> Paths(string noise)
    {
        yield return noise;
        foreach (var literal in new[] { "/api", "/status", "/a", "/v1", "/v\u0663", "/bx", "/dx" })
        {
            yield return literal;
            yield return literal + "x";
            yield return literal + "/orders";
            yield return literal + noise;
            yield return "x" + literal;
            yield return literal[..^1];
        }
    }
}
