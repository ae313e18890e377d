using Smi.Adapters.Consul.Splits;

namespace Smi.Adapters.Consul.Tests;

public class PercentWeightsTests
{
    [Theory]
    [InlineData(new[] { 1.0, 1.0, 1.0 }, new[] { "33.34", "33.33", "33.33" })]
    [InlineData(new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 }, new[] { "16.67", "16.67", "16.67", "16.67", "16.66", "16.66" })]
    [InlineData(new[] { 1.0, 0.5 }, new[] { "66.67", "33.33" })]
    [InlineData(new[] { 90.0, 10.0 }, new[] { "90", "10" })]
    [InlineData(new[] { 0.0, 100.0 }, new[] { "0", "100" })]
    [InlineData(new[] { 1.0, 2.0, 4.0 }, new[] { "14.29", "28.57", "57.14" })]
    public void Compute_GivesTwoDecimalPercentsWhoseFloat32SumIsHundred(double[] weights, string[] expected)
    {
        var percents = PercentWeights.Compute([.. weights.Select(w => (decimal)w)]);
        Assert.Equal(expected, percents.Select(PercentWeights.Format));
        Assert.True(PercentWeights.Float32SumIsHundred(percents));
    }

    [Fact]
    public void Compute_SplitV1Alpha1QuantitiesByValue()
    {
        // split v1alpha1 weights "1" and "500m" reach the hub model as 1 and 0.5.
        var percents = PercentWeights.Compute([1m, 0.5m]);
        Assert.Equal(["66.67", "33.33"], percents.Select(PercentWeights.Format));
    }

    [Fact]
    public void Float32Sum_IsCheckedInListOrderAsTheWebhookDoes()
    {
        // A thousand shares of 0.1 are exactly 100 in decimal but not in float32.
        Assert.False(PercentWeights.Float32SumIsHundred(Enumerable.Repeat(0.1m, 1000)));
        Assert.True(PercentWeights.Float32SumIsHundred([33.33m, 33.33m, 33.34m]));
    }

    [Fact]
    public void Compute_FallsBackToValidPercentsWhenSmallSharesCannotAddUp()
    {
        var percents = PercentWeights.Compute([.. Enumerable.Repeat(1m, 1000)]);
        Assert.True(PercentWeights.Float32SumIsHundred(percents));
        Assert.All(percents, p => Assert.True(p == 0 || (p >= 0.01m && p <= 100m)));
        Assert.All(percents, p => Assert.Equal(p, decimal.Round(p, 2)));
    }

    [Fact]
    public void Compute_EveryWeightSetUpToTwentyBackendsPassesTheWebhookCheck()
    {
        for (var count = 1; count <= 20; count++)
        {
            var percents = PercentWeights.Compute([.. Enumerable.Range(1, count).Select(i => (decimal)i)]);
            Assert.True(
                PercentWeights.Float32SumIsHundred(percents), $"{count} backends: {string.Join(", ", percents)}");
            Assert.Equal(100m, percents.Sum());
        }
    }
}
