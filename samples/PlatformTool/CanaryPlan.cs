using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using SplitV1Alpha4 = Smi.Abstractions.Resources.Split.V1Alpha4;

namespace PlatformTool;

/// <summary>
/// What a platform team's tool does with the libraries: build SMI objects in C#, translate them for Istio with
/// <c>AddSmi().AddIstio()</c>, and print the manifests to apply.
/// </summary>
public static class CanaryPlan
{
    /// <summary>Prints the Istio manifests of a canary that sends <paramref name="canaryPercent"/> % to v2.</summary>
    /// <param name="output">Where the manifests go.</param>
    /// <param name="error">Where diagnostics go.</param>
    /// <param name="canaryPercent">The share of requests for v2, 0-100.</param>
    /// <returns>0 on success, 1 when translation reported an error.</returns>
    public static int Print(TextWriter output, TextWriter error, int canaryPercent)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var services = new ServiceCollection();
        services.AddSmi(options => options.ClusterDomain = "cluster.local").AddIstio();
        using var provider = services.BuildServiceProvider();
        var translator = provider.GetRequiredKeyedService<IMeshTranslator>("istio");

        var split = new SplitV1Alpha4.TrafficSplit
        {
            Metadata = new V1ObjectMeta { Name = "web-canary", NamespaceProperty = "shop" },
            Spec = new SplitV1Alpha4.TrafficSplitSpec
            {
                Service = "web",
                Backends =
                [
                    new SplitV1Alpha4.TrafficSplitBackend { Service = "web-v1", Weight = 100 - canaryPercent },
                    new SplitV1Alpha4.TrafficSplitBackend { Service = "web-v2", Weight = canaryPercent },
                ],
            },
        };
        var snapshot = new SnapshotBuilder()
            .Add(split)
            .Add(Service("web", new Dictionary<string, string> { ["app"] = "web" }))
            .Add(Service("web-v1", new Dictionary<string, string> { ["app"] = "web", ["version"] = "v1" }))
            .Add(Service("web-v2", new Dictionary<string, string> { ["app"] = "web", ["version"] = "v2" }))
            .Build();

        var result = translator.Translate(snapshot);
        foreach (var diagnostic in snapshot.Diagnostics.Concat(result.Diagnostics))
        {
            error.WriteLine(diagnostic);
        }

        if (snapshot.HasErrors || result.HasErrors)
        {
            return 1;
        }

        output.Write(ManifestWriter.ToYaml(result.Resources.Select(r => r.ToJson())));
        return 0;
    }

    private static V1Service Service(string name, Dictionary<string, string> selector) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop" },
        Spec = new V1ServiceSpec
        {
            Selector = selector,
            Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = 8080 }],
        },
    };
}
