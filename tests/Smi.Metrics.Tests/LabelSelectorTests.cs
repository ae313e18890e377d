using Smi.Abstractions.Selectors;
using Smi.Metrics.Model;

namespace Smi.Metrics.Tests;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Api = new() { ["app"] = "api", ["tier"] = "backend" };

    [Theory]
    [InlineData("app=api", true)]
    [InlineData("app==api", true)]
    [InlineData("app!=api", false)]
    [InlineData("app=api,tier=backend", true)]
    [InlineData("app=api,tier=frontend", false)]
    [InlineData("app in (api, web)", true)]
    [InlineData("app notin (api,web)", false)]
    [InlineData("tier", true)]
    [InlineData("!tier", false)]
    [InlineData("!legacy", true)]
    [InlineData("", true)]
    public void Matches_LikeKubernetes(string text, bool matches)
    {
        Assert.True(LabelSelector.TryParse(text, out var selector, out var error), error);
        Assert.Equal(matches, selector.Matches(Api));
    }

    [Theory]
    [InlineData("a===b")]
    [InlineData("app in api")]
    [InlineData("=x")]
    [InlineData("app=a b")]
    public void Rejects_Malformed(string text) => Assert.False(LabelSelector.TryParse(text, out _, out _));

    [Fact]
    public void Document_PutsEqualityInMatchLabels()
    {
        Assert.True(LabelSelector.TryParse("app=api,tier in (a,b),!old", out var selector, out _));
        var document = LabelSelectorDocument.From(selector);
        Assert.Equal("api", document.MatchLabels["app"]);
        Assert.Equal(["In", "DoesNotExist"], document.MatchExpressions.Select(expression => expression.Operator));
        Assert.Equal(["a", "b"], document.MatchExpressions[0].Values!);
        Assert.Null(document.MatchExpressions[1].Values);
    }
}
