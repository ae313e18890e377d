using Smi.Abstractions.Translation;

namespace Smi.Abstractions.Tests;

public class WeightMathTests
{
    [Theory]
    [InlineData(new[] { 1.0, 1.0, 1.0 }, 100, new long[] { 34, 33, 33 })]
    [InlineData(new[] { 1.0, 0.5 }, 100, new long[] { 67, 33 })]
    [InlineData(new[] { 90.0, 10.0 }, 100, new long[] { 90, 10 })]
    [InlineData(new[] { 0.0, 0.0 }, 100, new long[] { 0, 0 })]
    [InlineData(new[] { 1.0, 1.0, 1.0 }, 10000, new long[] { 3334, 3333, 3333 })]
    public void LargestRemainder_SumsToTotal(double[] weights, long total, long[] expected)
    {
        var shares = WeightMath.LargestRemainder([.. weights.Select(w => (decimal)w)], total);
        Assert.Equal(expected, shares);
    }

    [Fact]
    public void ToIntegers_ScalesFractionsAndCapsLargeWeights()
    {
        Assert.Equal([10, 5], WeightMath.ToIntegers([1m, 0.5m], 1_000_000));
        Assert.Equal([2, 1], WeightMath.ToIntegers([1m, 0.5m], 2));
        Assert.Equal([90, 10], WeightMath.ToIntegers([90m, 10m], 1_000_000));
        Assert.Equal([1_000_000, 500_000], WeightMath.ToIntegers([4_000_000m, 2_000_000m], 1_000_000));
    }

    [Theory]
    [InlineData("/metrics", "^(?:/metrics).*$")]
    [InlineData("/api/.*", "^(?:/api/.*).*$")]
    [InlineData("/exact$", "^(?:/exact$)$")]
    [InlineData("/api|/status$", "^(?:/api|/status$).*$")]
    [InlineData(@"/a\|b$", @"^(?:/a\|b$).*$")]
    [InlineData(@"/price\$", @"^(?:/price\$).*$")]
    public void FullMatchPath_KeepsSmiStartAnchoredMeaning(string smi, string expected) =>
        Assert.Equal(expected, RegexAnchoring.FullMatchPath(smi));
}
