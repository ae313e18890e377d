using CsCheck;
using Smi.Abstractions.Translation;
using Smi.Testing;

namespace Smi.Evaluation.Tests;

/// <summary>
/// SMI's meaning of a path regex (start-anchored; a <c>$</c> ends only its own branch; Perl and POSIX classes and
/// <c>\b</c> ASCII-only, as in Go's regexp) against the full-match pattern the adapters render, run as the meshes run
/// it: RE2 (Istio, Consul, Envoy) and Rust regex (Linkerd), on generated alternations with literal and class branches
/// and generated paths (branches, longer paths, near misses, non-ASCII digits, letters and spaces).
/// </summary>
public sealed class PathRegexEnginePropertyTests
{
    private static readonly string Seed = PropertySeed.Or("0N0XIzNsQ0O4");

    private static readonly Atom[] Atoms =
    [
        Atom.Literal("/api"),
        Atom.Literal("/status"),
        Atom.Literal("/a"),
        new("/v\\d", [Is('/'), Is('v'), char.IsAsciiDigit]),
        new("/[a-c]x", [Is('/'), c => c is >= 'a' and <= 'c', Is('x')]),
        new("/n\\w", [Is('/'), Is('n'), IsAsciiWord]),
        new("/\\W", [Is('/'), c => !IsAsciiWord(c)]),
        new("/s\\s", [Is('/'), Is('s'), IsAsciiSpace]),
        new("/\\Sz", [Is('/'), c => !IsAsciiSpace(c), Is('z')]),
        new("/\\D", [Is('/'), c => !char.IsAsciiDigit(c)]),
        new("/[\\d_]x", [Is('/'), c => char.IsAsciiDigit(c) || c == '_', Is('x')]),
        new("/[[:alpha:]]9", [Is('/'), char.IsAsciiLetter, Is('9')]),
        new("/b\\b", [Is('/'), Is('b')], WordBoundaryAfter: true),
    ];

    private static readonly Gen<(int Atom, bool Caret, bool End)> BranchGen =
        Gen.Select(Gen.Int[0, Atoms.Length - 1], Gen.Bool, Gen.Bool, (a, c, e) => (a, c, e));

    private static readonly Gen<string> NoiseGen = Gen.String[Gen.Char["/abcnsvxz19_ \u0663\u00e9\u00a0\u2003"], 0, 5];

    [Theory]
    [InlineData(PathRegexEngine.Re2, RegexDialect.Re2)]
    [InlineData(PathRegexEngine.RustRegex, RegexDialect.RustRegex)]
    [InlineData(PathRegexEngine.Re2, RegexDialect.RustRegex)]
    internal void RenderedPattern_UnderTheMeshEngine_MatchesExactlyThePathsSmiMeans(
        PathRegexEngine renderedFor, RegexDialect dialect)
    {
        Gen.Select(BranchGen.Array[1, 4], NoiseGen, (b, n) => (Branches: b, Noise: n)).Sample(
            c =>
            {
                var smi = string.Join('|', c.Branches.Select(b =>
                    (b.Caret ? "^" : string.Empty) + Atoms[b.Atom].Pattern + (b.End ? "$" : string.Empty)));
                if (renderedFor == PathRegexEngine.Re2 && dialect == RegexDialect.RustRegex
                    && RegexAnchoring.HasWordBoundary(smi))
                {
                    // Output for any Gateway API implementation refuses \b (golden case ab-path-ascii-classes).
                    return;
                }

                var rendered = RegexAnchoring.FullMatchPath(smi, renderedFor);
                foreach (var path in Paths(c.Noise))
                {
                    var wanted = c.Branches.Any(b => Atoms[b.Atom].SmiMatches(path, b.End));
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

    private static Func<char, bool> Is(char wanted) => c => c == wanted;

    private static bool IsAsciiWord(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static bool IsAsciiSpace(char c) => c is '\t' or '\n' or '\f' or '\r' or ' ';

    private static IEnumerable<string> Paths(string noise)
    {
        yield return noise;
        foreach (var literal in new[]
                 {
                     "/api", "/status", "/a", "/v1", "/v\u0663", "/bx", "/dx", "/n\u00e9", "/nb", "/\u00e9", "/s ",
                     "/s\u00a0", "/s\u2003", "/\u00e9z", "/ z", "/\u0663x", "/_x", "/\u00e99", "/b", "/b\u00e9",
                     "/b-",
                 })
        {
            yield return literal;
            yield return literal + "x";
            yield return literal + "/orders";
            yield return literal + noise;
            yield return "x" + literal;
            yield return literal[..^1];
        }
    }

    /// <summary>A branch of known ASCII meaning: one character test per position, optionally then <c>\b</c>.</summary>
    private sealed record Atom(string Pattern, Func<char, bool>[] Chars, bool WordBoundaryAfter = false)
    {
        public static Atom Literal(string text) => new(text, [.. text.Select(Is)]);

        /// <summary>SMI's meaning: from the start of the path; to its end when the branch ends with <c>$</c>.</summary>
        public bool SmiMatches(string path, bool endAnchored)
        {
            var n = Chars.Length;
            if (path.Length < n || (endAnchored && path.Length != n) || !Chars.Select((t, i) => t(path[i])).All(x => x))
            {
                return false;
            }

            // The atom's last character is a word character, so \b holds where the next one is not (or at the end).
            return !WordBoundaryAfter || path.Length == n || !IsAsciiWord(path[n]);
        }
    }
}
