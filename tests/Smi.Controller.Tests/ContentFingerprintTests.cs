using System.Text.Json;
using Smi.Controller.Cache;

namespace Smi.Controller.Tests;

/// <summary>
/// What a cached object's fingerprint covers: its spec, labels, annotations and UID, not its status or resource
/// version.
/// </summary>
public sealed class ContentFingerprintTests
{
    [Fact]
    public void A_New_Incarnation_Under_The_Same_Name_Has_Another_Fingerprint()
    {
        Assert.NotEqual(Split("uid-1", "1", 90), Split("uid-2", "1", 90));
    }

    [Fact]
    public void Status_And_Resource_Version_Leave_It_Unchanged()
    {
        Assert.Equal(Split("uid-1", "1", 90), Split("uid-1", "7", 90, status: true));
    }

    [Fact]
    public void The_Spec_Changes_It()
    {
        Assert.NotEqual(Split("uid-1", "1", 90), Split("uid-1", "1", 80));
    }

    private static UInt128 Split(string uid, string version, int weight, bool status = false)
    {
        var statusJson = status
            ? """, "status": {"conditions": [{"type": "Ready", "status": "True"}]}"""
            : string.Empty;
        using var json = JsonDocument.Parse(
            $$$"""
            {"apiVersion": "split.smi-spec.io/v1alpha4", "kind": "TrafficSplit",
             "metadata": {"name": "web-canary", "namespace": "shop", "uid": "{{{uid}}}",
              "resourceVersion": "{{{version}}}"},
             "spec": {"service": "web", "backends": [{"service": "web-v1", "weight": {{{weight}}}}]}{{{statusJson}}}}
            """);
        return new CachedObject(StandaloneParts.TrafficSplits, json.RootElement.Clone()).Fingerprint;
    }
}
