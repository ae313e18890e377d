using Smi.Abstractions.Translation;

namespace Smi.Abstractions.Tests;

public class ShareDeviationTests
{
    [Fact]
    public void Find_ProportionalWeights_AreNoDeviation() =>
        Assert.Empty(ShareDeviation.Find([1000m, 500m], [2m, 1m]));

    [Fact]
    public void Find_HalfAPointOrLess_IsTolerated() =>
        Assert.Empty(ShareDeviation.Find([1m, 1m, 1m], [33.8m, 33.1m, 33.1m]));

    [Fact]
    public void Find_MoreThanHalfAPoint_NamesTheIndexAndBothShares()
    {
        var deviation = Assert.Single(ShareDeviation.Find([1m, 1m], [49m, 51m]), d => d.Index == 1);

        Assert.Equal(50m, deviation.WantedPercent);
        Assert.Equal(51m, deviation.RenderedPercent);
        Assert.Equal("backend b gets 51% instead of 50%", deviation.Describe("b"));
    }

    [Fact]
    public void Find_PositiveShareDrivenToZero_IsReportedHoweverSmall()
    {
        var deviation = Assert.Single(ShareDeviation.Find([5_000_000m, 1m], [100m, 0m]));

        Assert.Equal(1, deviation.Index);
        Assert.Equal("backend tiny gets 0% instead of <0.0001%", deviation.Describe("tiny"));
    }

    [Fact]
    public void Find_ListsOfDifferentLength_Throw() =>
        Assert.Throws<ArgumentException>(() => ShareDeviation.Find([1m], [1m, 2m]));
}
