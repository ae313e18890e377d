using Smi.Abstractions.Model;
using Smi.Abstractions.Translation;
using Smi.Adapters.GatewayApi.Routes;

namespace Smi.Adapters.GatewayApi.Tests;

/// <summary>
/// A header regex with <c>\b</c>: RE2 (Istio) reads it as ASCII and Rust regex (Linkerd) as Unicode, so output for
/// any Gateway API implementation refuses it, while Linkerd's own routes get Rust's ASCII form <c>(?-u:\b)</c>.
/// </summary>
public sealed class HeaderWordBoundaryTests
{
    [Fact]
    public void SharedOutput_RefusesIt_WhileLinkerdGetsTheAsciiForm()
    {
        var match = new RouteMatch("beta", null, [], [new HeaderMatch("x-track", "\\bbeta\\b")]);

        var shared = HttpMatchBuilder.Build(match, engine: null, out var problem);
        var linkerd = HttpMatchBuilder.Build(match, PathRegexEngine.RustRegex, out var linkerdProblem);

        Assert.Empty(shared);
        Assert.Contains("header x-track", problem, StringComparison.Ordinal);
        Assert.Null(linkerdProblem);
        Assert.Equal("^(?:(?-u:\\b)beta(?-u:\\b))$", Assert.Single(Assert.Single(linkerd).Headers!).Value);
    }
}
