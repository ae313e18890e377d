namespace Smi.Metrics.Tests;

public sealed class MetricsWindowTests
{
    [Theory]
    [InlineData("30s", "30s", "30s")]
    [InlineData("1m", "1m0s", "60s")]
    [InlineData("90s", "1m30s", "90s")]
    [InlineData("1h30m", "1h30m0s", "5400s")]
    [InlineData("1.5m", "1m30s", "90s")]
    [InlineData("500ms", "500ms", "500ms")]
    [InlineData("1500ms", "1.5s", "1500ms")]
    [InlineData(null, "30s", "30s")]
    [InlineData("", "30s", "30s")]
    public void Parses_GoDurations(string? text, string formatted, string range)
    {
        Assert.True(MetricsWindow.TryParse(text, out var window, out var error), error);
        Assert.Equal(formatted, window.ToString());
        Assert.Equal(range, window.PromQlRange);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("0s")]
    [InlineData("30")]
    [InlineData("-5s")]
    [InlineData("5d")]
    [InlineData("1000h")]
    [InlineData("0.5ms")]
    public void Rejects_BadWindows(string text)
    {
        Assert.False(MetricsWindow.TryParse(text, out _, out var error));
        Assert.Contains(text, error, StringComparison.Ordinal);
    }
}
