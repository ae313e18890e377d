using System.Text.RegularExpressions;
using CsCheck;
using Smi.Abstractions.Translation;
using Smi.Testing;

namespace Smi.Abstractions.Tests.Translation;

/// <summary>
/// Compares SMI's meaning of a path regex (start-anchored; a <c>$</c> ends only its own branch) with the full-match
/// pattern every adapter renders, on generated alternations and generated paths: exact branches, longer paths,
/// near misses one character short or one character off.
/// </summary>
public sealed class PathRegexRenderingPropertyTests
{
    private static readonly string Seed = PropertySeed.Or("0N0XIzNsQ0O2");

    private static readonly string[] Literals = ["/api", "/ap", "/status", "/statu", "/a", "/ab", "/v1/users", "/"];

    /// <summary>One alternation branch: a literal, optionally led by <c>^</c>, optionally ended by <c>$</c>.</summary>
    private sealed record Branch(string Literal, bool StartCaret, bool EndAnchored)
    {
        public string Pattern => (StartCaret ? "^" : string.Empty) + Literal + (EndAnchored ? "$" : string.Empty);

        public bool SmiMatches(string path) =>
            EndAnchored ? path == Literal : path.StartsWith(Literal, StringComparison.Ordinal);
    }

    private static readonly Gen<Branch> BranchGen =
        Gen.Select(Gen.OneOf(Literals), Gen.Bool, Gen.Bool, (l, caret, end) => new Branch(l, caret, end));

    private static readonly Gen<string> NoiseGen = Gen.String[Gen.Char["/abisxu1"], 0, 6];

    [Fact]
    public void RenderedPattern_MatchesExactlyThePathsSmiMeans()
    {
        var cases = Gen.Select(BranchGen.Array[1, 4], NoiseGen, (branches, noise) => (branches, noise));
        cases.Sample(
            c =>
            {
                var smi = string.Join('|', c.branches.Select(b => b.Pattern));
                var rendered = new Regex(
                    @"\A(?:" + RegexAnchoring.FullMatchPath(smi) + @")\z",
                    RegexOptions.CultureInvariant,
                    TimeSpan.FromSeconds(1));
                foreach (var path in CandidatePaths(c.branches, c.noise))
                {
                    var wanted = c.branches.Any(b => b.SmiMatches(path));
                    if (rendered.IsMatch(path) != wanted)
                    {
                        throw new InvalidOperationException(
                            $"pathRegex '{smi}' rendered '{RegexAnchoring.FullMatchPath(smi)}': path '{path}' "
                            + $"SMI {(wanted ? "matches" : "does not match")}, the rendered pattern disagrees");
                    }
                }
            },
            seed: Seed,
            iter: 3000,
            threads: 1,
            print: c => string.Join('|', c.branches.Select(b => b.Pattern)) + " noise=" + c.noise);
    }

    [Theory]
    [InlineData("/api/orders", true)]
    [InlineData("/api", true)]
    [InlineData("/status", true)]
    [InlineData("/statusx", false)]
    [InlineData("/stat", false)]
    [InlineData("/x/api", false)]
    public void Alternation_WithEndAnchorInOneBranch_KeepsSmiMeaning(string path, bool wanted)
    {
        var rendered = RegexAnchoring.FullMatchPath("/api|/status$");
        var fullMatch = @"\A(?:" + rendered + @")\z";
        Assert.Equal(wanted, Regex.IsMatch(path, fullMatch, RegexOptions.None, TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData(@"/v\d+", PathRegexEngine.Re2, @"^(?:/v[0-9]+).*$")]
    [InlineData(@"/\w\W", PathRegexEngine.RustRegex, @"^(?:/[0-9A-Za-z_][^0-9A-Za-z_]).*$")]
    [InlineData(@"/a\sb\S$", PathRegexEngine.Re2, @"^(?:/a[\x20\t\n\f\r]b[^\x20\t\n\f\r]$)$")]
    [InlineData(@"/\D", PathRegexEngine.Re2, @"^(?:/[^0-9]).*$")]
    [InlineData(@"/[\d\w.]x", PathRegexEngine.RustRegex, @"^(?:/[0-90-9A-Za-z_.]x).*$")]
    [InlineData(@"/[^\s]", PathRegexEngine.Re2, @"^(?:/[^\x20\t\n\f\r]).*$")]
    [InlineData(@"/[\D\W\S]", PathRegexEngine.Re2, @"^(?:/[[:^digit:][:^word:][:^space:]\x0B]).*$")]
    [InlineData(@"/[[:alpha:][:digit:]]", PathRegexEngine.RustRegex, @"^(?:/[A-Za-z0-9]).*$")]
    [InlineData(@"/[[:^alpha:]]", PathRegexEngine.Re2, @"^(?:/[[:^alpha:]]).*$")]
    [InlineData(@"/[]\d]", PathRegexEngine.Re2, @"^(?:/[]0-9]).*$")]
    [InlineData(@"/a\b", PathRegexEngine.Re2, @"^(?:/a\b).*$")]
    [InlineData(@"/a\b|/c\B", PathRegexEngine.RustRegex, @"^(?:/a(?-u:\b)|/c(?-u:\B)).*$")]
    [InlineData(@"/\Q\d[\E\d", PathRegexEngine.Re2, @"^(?:/\Q\d[\E[0-9]).*$")]
    [InlineData(@"/\\d\.\p{Greek}\x{263a}", PathRegexEngine.Re2, @"^(?:/\\d\.\p{Greek}\x{263a}).*$")]
    public void FullMatchPath_WritesAsciiClassesExplicitly(string smi, PathRegexEngine engine, string expected) =>
        Assert.Equal(expected, RegexAnchoring.FullMatchPath(smi, engine));

    [Theory]
    [InlineData(@"/a\b", true)]
    [InlineData(@"/a\B", true)]
    [InlineData(@"/a\\b", false)]
    [InlineData(@"/[\b]", false)]
    [InlineData(@"/\Q\b\E", false)]
    [InlineData(@"/\d\w", false)]
    public void HasWordBoundary_FindsUnescapedBoundariesOnly(string smi, bool expected) =>
        Assert.Equal(expected, RegexAnchoring.HasWordBoundary(smi));

    private static IEnumerable<string> CandidatePaths(Branch[] branches, string noise)
    {
        yield return noise;
        foreach (var b in branches)
        {
            yield return b.Literal;
            yield return b.Literal + "x";
            yield return b.Literal + "/orders";
            yield return b.Literal + noise;
            yield return "x" + b.Literal;
            yield return noise + b.Literal;
            if (b.Literal.Length > 1)
            {
                yield return b.Literal[..^1];
                yield return b.Literal[..^1] + "x";
            }
        }
    }
}
