namespace Smi.Metrics.Tests;

public sealed class KubernetesQuantityTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(105, "105")]
    [InlineData(43.75, "43750m")]
    [InlineData(9.9, "9900m")]
    [InlineData(71.66666666666667, "71667m")]
    [InlineData(114.99999999999997, "115")]
    [InlineData(2000, "2k")]
    [InlineData(1500, "1500")]
    [InlineData(3_000_000, "3M")]
    [InlineData(0.0004, "0")]
    public void Formats_Canonically(double value, string expected) => Assert.Equal(expected, KubernetesQuantity.Format(value));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NoData_HasNoQuantity_RatherThanZero(double value) => Assert.Null(KubernetesQuantity.Format(value));

    [Theory]
    [InlineData("43750m", 43.75)]
    [InlineData("2k", 2000)]
    [InlineData("105", 105)]
    [InlineData("1.5", 1.5)]
    [InlineData("3M", 3_000_000)]
    public void Parses_DecimalQuantities(string text, double expected)
    {
        Assert.True(KubernetesQuantity.TryParse(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData(null)]
    public void Rejects_NonQuantities(string? text) => Assert.False(KubernetesQuantity.TryParse(text, out _));
}
