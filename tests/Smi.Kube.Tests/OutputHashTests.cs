using System.Text.Json.Nodes;
using Smi.Kube.Fields;

namespace Smi.Kube.Tests;

/// <summary><see cref="OutputHash"/>: the apply configuration carries the hash of the object without status.</summary>
public sealed class OutputHashTests
{
    private static JsonObject Output() => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = "a", ["namespace"] = "ns" },
        ["data"] = new JsonObject { ["k"] = "v" },
        ["status"] = new JsonObject { ["ready"] = true },
    };

    [Fact]
    public void ApplyConfiguration_DropsStatus_AndAnnotatesTheHash_WithoutChangingTheInput()
    {
        var output = Output();
        var before = output.ToJsonString();

        var applied = OutputHash.ApplyConfiguration(output, out var hash);

        Assert.Equal(before, output.ToJsonString());
        Assert.Null(applied["status"]);
        Assert.Equal(hash, (string?)applied["metadata"]!["annotations"]![OutputHash.Annotation]);
        var withoutStatus = Output();
        withoutStatus.Remove("status");
        Assert.Equal(OutputHash.Compute(withoutStatus), hash);
        Assert.Equal(32, hash.Length);
    }

    [Fact]
    public void Compute_ChangesWithTheContent()
    {
        var changed = Output();
        changed["data"]!["k"] = "w";

        Assert.Equal(OutputHash.Compute(Output()), OutputHash.Compute(Output()));
        Assert.NotEqual(OutputHash.Compute(Output()), OutputHash.Compute(changed));
    }
}
