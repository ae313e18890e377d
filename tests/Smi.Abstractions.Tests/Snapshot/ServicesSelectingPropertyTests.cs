using System.Globalization;
using System.Text;
using CsCheck;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Testing;

namespace Smi.Abstractions.Tests.Snapshot;

/// <summary>
/// The Services that select a workload, found through the index of selector labels, are those of its namespace whose
/// selector picks its pods, in the snapshot's order: on generated Services and Deployments sharing a few labels.
/// </summary>
public sealed class ServicesSelectingPropertyTests
{
    private static readonly string Seed = PropertySeed.Or("7Rk2ZqP0xW4m");

    private static readonly (string Key, string Value)[] Labels =
    [
        ("app", "web"), ("app", "api"), ("version", "v1"), ("version", "v2"), ("tier", "front"), ("zone", "a"),
    ];

    private static readonly Gen<(int Namespace, int[] Labels)[]> Objects =
        Gen.Select(Gen.Int[0, 1], Gen.Int[0, Labels.Length - 1].Array[0, 3], (ns, labels) => (ns, labels)).Array[1, 8];

    [Fact]
    public void ServicesSelecting_IsEveryServiceOfTheNamespaceWhoseSelectorPicksThePods()
    {
        var checkedWorkloads = 0;
        Gen.Select(Objects, Objects, (services, workloads) => (services, workloads)).Sample(
            c =>
            {
                var loaded = new ManifestLoader().LoadText(Yaml(c.services, c.workloads), "fleet.yaml");
                var snapshot = SnapshotBuilder.FromLoadResult(loaded);
                foreach (var workload in snapshot.Workloads)
                {
                    var expected = snapshot.Services
                        .Where(s => s.Namespace == workload.Namespace && s.Selects(workload.PodLabels))
                        .Select(s => s.Ref);
                    Assert.Equal(expected, snapshot.ServicesSelecting(workload).Select(s => s.Ref));
                    checkedWorkloads++;
                }
            },
            seed: Seed,
            iter: 500,
            threads: 1,
            print: c => Yaml(c.services, c.workloads));
        Assert.True(checkedWorkloads > 500, $"only {checkedWorkloads} workloads checked");
    }

    private static string Yaml((int Namespace, int[] Labels)[] services, (int Namespace, int[] Labels)[] workloads)
    {
        var text = new StringBuilder();
        for (var i = 0; i < services.Length; i++)
        {
            var (ns, labels) = services[i];
            text.Append(CultureInfo.InvariantCulture, $"---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s{i}\n")
                .Append(CultureInfo.InvariantCulture, $"  namespace: n{ns}\nspec:\n  ports:\n  - port: 80\n")
                .Append(Selector("  selector:", "    ", labels));
        }

        for (var i = 0; i < workloads.Length; i++)
        {
            var (ns, labels) = workloads[i];
            text.Append(CultureInfo.InvariantCulture, $"---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n")
                .Append(CultureInfo.InvariantCulture, $"  name: w{i}\n  namespace: n{ns}\nspec:\n  template:\n")
                .Append(Selector("    metadata:\n      labels:", "        ", labels))
                .Append("    spec:\n      containers:\n      - name: app\n        image: app\n");
        }

        return text.ToString();
    }

    private static string Selector(string header, string indent, int[] labels)
    {
        var pairs = labels.Select(l => Labels[l]).DistinctBy(l => l.Key).ToList();
        return pairs.Count == 0 ? string.Empty
            : header + "\n" + string.Concat(pairs.Select(p => $"{indent}{p.Key}: {p.Value}\n"));
    }
}
