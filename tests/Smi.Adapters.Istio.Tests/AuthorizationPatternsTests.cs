using Smi.Adapters.Istio.Access;

namespace Smi.Adapters.Istio.Tests;

public class AuthorizationPatternsTests
{
    [Theory]
    [InlineData("/metrics", "/metrics*")]
    [InlineData("^/metrics", "/metrics*")]
    [InlineData("/api/.*", "/api/*")]
    [InlineData("/api/.*$", "/api/*")]
    [InlineData("/healthz$", "/healthz")]
    [InlineData(@".*\.png$", "*.png")]
    [InlineData(@"/v1\.2/items$", "/v1.2/items")]
    [InlineData("/login$|/logout$", "/login", "/logout")]
    [InlineData("/a|/a", "/a*")]
    public void ReducePath_ExactForms(string regex, params string[] expected)
    {
        var reduced = AuthorizationPatterns.ReducePath(regex);
        Assert.NotNull(reduced);
        Assert.False(reduced.MatchesAll);
        Assert.Equal(expected, reduced.Values);
    }

    [Theory]
    [InlineData(".*")]
    [InlineData("^.*")]
    [InlineData(".*$")]
    [InlineData("/")]
    [InlineData("/x|.*")]
    public void ReducePath_AnyPath(string regex)
    {
        if (regex == "/")
        {
            // Every path starts with '/', but the prefix form is still exact.
            Assert.Equal(["/*"], AuthorizationPatterns.ReducePath(regex)!.Values);
            return;
        }

        Assert.True(AuthorizationPatterns.ReducePath(regex)!.MatchesAll);
    }

    [Theory]
    [InlineData("/orders/[0-9]+$")]
    [InlineData(".*/admin")]
    [InlineData(".*admin.*")]
    [InlineData(@"/v\d/status")]
    [InlineData("/(a|b)/x")]
    [InlineData("/a+")]
    [InlineData("/colou?r")]
    [InlineData("/a.b")]
    [InlineData(@"/a\*b")]
    [InlineData("/{id}")]
    [InlineData("$")]
    [InlineData("/a$|/b[0-9]")]
    [InlineData(@"/trailing\")]
    public void ReducePath_RefusesWhatHasNoExactForm(string regex) =>
        Assert.Null(AuthorizationPatterns.ReducePath(regex));

    [Theory]
    [InlineData("acme", "acme")]
    [InlineData("^acme$", "acme")]
    [InlineData("Bearer .*", "Bearer *")]
    [InlineData(@".*\.example\.com", "*.example.com")]
    [InlineData(".*", "*")]
    [InlineData("a|b", "a", "b")]
    public void ReduceHeader_ExactForms(string regex, params string[] expected)
    {
        var reduced = AuthorizationPatterns.ReduceHeader(regex);
        Assert.NotNull(reduced);
        Assert.Equal(expected, reduced.Values);
    }

    [Theory]
    [InlineData(".*Android.*")]
    [InlineData("2\\..*x")]
    [InlineData("[a-z]+")]
    [InlineData("")]
    [InlineData("a|")]
    [InlineData("v1.*|.*Firefox.*")]
    public void ReduceHeader_RefusesWhatHasNoExactForm(string regex) =>
        Assert.Null(AuthorizationPatterns.ReduceHeader(regex));
}
