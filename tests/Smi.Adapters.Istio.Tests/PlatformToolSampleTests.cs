using PlatformTool;
using Smi.Abstractions.Serialization;
using Smi.Adapters.Istio.Resources;

namespace Smi.Adapters.Istio.Tests;

public class PlatformToolSampleTests
{
    [Theory]
    [InlineData(10, 90)]
    [InlineData(25, 75)]
    public void Sample_PrintsAVirtualService_WithTheRequestedWeights(int canary, int stable)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, CanaryPlan.Print(output, error, canary));
        Assert.Equal(string.Empty, error.ToString());
        var loaded = new ManifestLoader().LoadText(output.ToString(), "out.yaml");
        var document = Assert.Single(loaded.Diagnostics, d => d.Reason == "IgnoredKind");
        Assert.Equal("VirtualService", document.Object!.Kind);
        Assert.Contains($"weight: {stable}", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"weight: {canary}", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("host: web-v2.shop.svc.cluster.local", output.ToString(), StringComparison.Ordinal);
        _ = typeof(VirtualService);
    }
}
