using Smi.Abstractions.Translation;

namespace Smi.Evaluation.Tests;

/// <summary>
/// Header regexes keep SMI's ASCII meaning of <c>\d</c>, <c>\w</c> and <c>\s</c> (Go regexp) under the engine that
/// runs the rendered pattern: Rust regex (Linkerd) reads the bare classes as Unicode, so they are written out.
/// </summary>
public sealed class HeaderRegexRenderingTests
{
    [Theory]
    [InlineData("v\\d+", "v12", true)]
    [InlineData("v\\d+", "v\u0663", false)]
    [InlineData("\\w+-beta", "caf\u00e9-beta", false)]
    [InlineData("\\w+-beta", "cafe_1-beta", true)]
    [InlineData("a\\sb", "a\u2003b", false)]
    [InlineData("a\\sb", "a b", true)]
    [InlineData("[[:alpha:]]+", "\u00e9t\u00e9", false)]
    internal void RenderedHeaderRegex_UnderRust_MatchesAsSmiMeans(string smi, string value, bool wanted)
    {
        var rendered = RegexAnchoring.FullMatchHeader(smi, PathRegexEngine.RustRegex);

        Assert.Equal(wanted, FullMatch.IsMatch(rendered, value, RegexDialect.RustRegex));
        Assert.Equal(wanted, FullMatch.IsMatch(rendered, value, RegexDialect.Re2));
    }
}
