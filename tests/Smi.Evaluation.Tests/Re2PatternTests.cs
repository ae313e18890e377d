using System.Text.RegularExpressions;

namespace Smi.Evaluation.Tests;

/// <summary>
/// The RE2 (and Rust regex) reading of mesh patterns: what the engines refuse is refused, and mapped patterns mean
/// what the engine means (https://github.com/google/re2/wiki/Syntax, https://docs.rs/regex).
/// </summary>
public sealed class Re2PatternTests
{
    [Theory]
    [InlineData("(a)\\1")]
    [InlineData("(?=a)a")]
    [InlineData("(?!a)b")]
    [InlineData("(?<=a)b")]
    [InlineData("(?<!a)b")]
    [InlineData("(?>a)")]
    [InlineData("(?#note)a")]
    [InlineData("a*+")]
    [InlineData("a++")]
    [InlineData("a?+")]
    [InlineData("a{2}+")]
    [InlineData("a**")]
    [InlineData("a{1001}")]
    [InlineData("a{2,1001}")]
    [InlineData("a{3,2}")]
    [InlineData("a\\Z")]
    [InlineData("\\Ga")]
    [InlineData("(?U)a+")]
    [InlineData("\\k<x>")]
    [InlineData("*a")]
    [InlineData("(a")]
    [InlineData("a)")]
    [InlineData("[a")]
    public void RefusesWhatRe2Refuses(string pattern)
    {
        Assert.Throws<ArgumentException>(() => Re2Pattern.Parse(pattern, RegexDialect.Re2));
        Assert.False(FullMatch.IsMatch(pattern, "a", RegexDialect.Re2));
    }

    [Theory]
    [InlineData("a{1000}", true)]
    [InlineData("a{,3}", true)]
    [InlineData("(?P<v>x)y", true)]
    [InlineData("(?i:ab)c", true)]
    [InlineData("[[:alpha:]]", true)]
    [InlineData("\\pL\\p{Nd}", true)]
    public void AcceptsWhatRe2Accepts(string pattern, bool accepted) =>
        Assert.Equal(accepted, Re2Pattern.Parse(pattern, RegexDialect.Re2).DotNet.Length > 0);

    [Theory]
    [InlineData("\\d", "5", true)]
    [InlineData("\\d", "\u0663", false)]
    [InlineData("\\w", "_", true)]
    [InlineData("\\w", "\u00e9", false)]
    [InlineData("\\s", " ", true)]
    [InlineData("\\s", "\v", false)]
    [InlineData("\\D", "\u0663", true)]
    [InlineData("[\\d_]+", "1_2", true)]
    [InlineData("a.b", "a\nb", false)]
    [InlineData("(?s)a.b", "a\nb", true)]
    [InlineData("(?s:a.)b", "a\nb", true)]
    [InlineData("[^a]", "\n", true)]
    [InlineData("[[:alpha:]]+", "abC", true)]
    [InlineData("[[:alpha:]]+", "ab1", false)]
    [InlineData("[[:digit:]-]+", "1-2", true)]
    [InlineData("\\Qa.b\\E", "a.b", true)]
    [InlineData("\\Qa.b\\E", "axb", false)]
    [InlineData("(?P<v>x)y", "xy", true)]
    [InlineData("a{,3}", "a{,3}", true)]
    [InlineData("a{,3}", "aaa", false)]
    [InlineData("\\x41\\x{1F600}", "A\U0001F600", true)]
    [InlineData("[a[]+", "a[a", true)]
    [InlineData("[a-c-]+", "b-", true)]
    [InlineData("(?i)abc", "ABC", true)]
    [InlineData("/api|/status$", "/api", true)]
    [InlineData("/api|/status$", "/status", true)]
    [InlineData("/api|/status$", "/api/x", false)]
    [InlineData("a b#c", "a b#c", true)]
    public void FullMatch_HasRe2Meaning(string pattern, string value, bool matches) =>
        Assert.Equal(matches, FullMatch.IsMatch(pattern, value, RegexDialect.Re2));

    [Theory]
    [InlineData("\\d", "\u0663", true)]
    [InlineData("\\w", "\u00e9", true)]
    [InlineData("\\d", "5", true)]
    [InlineData("\\w", "-", false)]
    public void FullMatch_RustRegexPerlClassesAreUnicode(string pattern, string value, bool matches) =>
        Assert.Equal(matches, FullMatch.IsMatch(pattern, value, RegexDialect.RustRegex));

    [Theory]
    [InlineData("a$", "a\n", false)]
    [InlineData("(?m)a$", "a\nb", true)]
    [InlineData("(?m)^b", "a\nb", true)]
    [InlineData("^b", "a\nb", false)]
    [InlineData("\\bfoo\\b", "x foo.", true)]
    [InlineData("\\bfoo\\b", "\u00e9foo", true)]
    [InlineData("\\bfoo\\b", "_foo", false)]
    [InlineData("\\Bfoo", "_foo", true)]
    public void PartialMatch_AnchorsAndBoundariesHaveRe2Meaning(string pattern, string value, bool matches)
    {
        var parsed = Re2Pattern.Parse(pattern, RegexDialect.Re2);
        var options = parsed.NeedsBacktracking
            ? RegexOptions.CultureInvariant
            : RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;
        Assert.Equal(matches, new Regex(parsed.DotNet, options, TimeSpan.FromSeconds(1)).IsMatch(value));
    }

    [Fact]
    public void RustRegexWordBoundaryIsUnicode()
    {
        var parsed = Re2Pattern.Parse("\\bfoo", RegexDialect.RustRegex);
        Assert.DoesNotMatch(new Regex(parsed.DotNet, RegexOptions.NonBacktracking), "\u00e9foo");
        Assert.False(parsed.NeedsBacktracking);
    }
}
