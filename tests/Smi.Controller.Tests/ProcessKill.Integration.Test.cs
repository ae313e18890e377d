using System.Diagnostics;
using Smi.Testing;
using Smi.Testing.ApiServer;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// The controller as a process of its own (the built Smi.Controller with a kubeconfig for the loopback server), killed
/// with SIGKILL while it applies a long pass and started again: every output ends present and exact, none is left
/// over, and the restarted process writes only the outputs the killed one had not written.
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class ProcessKillIntegrationTest(ITestOutputHelper output)
{
    // Several times the writes the controller keeps in flight (8 by default), so that the kill lands mid-pass.
    private const int Count = 40;
    private const string OutputPrefix = "/apis/networking.istio.io/v1/namespaces/shop/virtualservices/";

    [Fact]
    public Task A_Controller_Killed_Mid_Pass_Converges_When_Started_Again_Without_Duplicate_Writes()
    {
        var controller = Path.Combine(AppContext.BaseDirectory, "Smi.Controller.dll");
        Assert.True(File.Exists(controller), $"{controller} is built next to the tests");
        return KillAndRestartAsync(["dotnet", controller]);
    }

    /// <summary>The same with the executable compiled natively, as the image ships it.</summary>
    [NativeControllerFact]
    public Task A_Native_Controller_Killed_Mid_Pass_Converges_When_Started_Again_Without_Duplicate_Writes()
    {
        return KillAndRestartAsync([NativeController.RequirePath()]);
    }

    /// <param name="controller">The command that runs the controller: the program, then its first arguments.</param>
    private async Task KillAndRestartAsync(string[] controller)
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.Server.Delays.Add(
            r => r.IsWrite && r.Path.StartsWith(OutputPrefix, StringComparison.Ordinal),
            TimeSpan.FromMilliseconds(300));
        harness.Apply(SplitFleet.Yaml(Count, _ => 10));
        var folder = Directory.CreateTempSubdirectory("smi-kill-");
        try
        {
            var kubeconfig = Path.Combine(folder.FullName, "kubeconfig");
            var token = harness.InstallRbac(InstalledRbac.For("istio"));
            await File.WriteAllTextAsync(kubeconfig, LoopbackKubeconfig.Text(harness.Server.Url, token));

            using (var first = Start(controller, kubeconfig, folder.FullName, "pod-a"))
            {
                await Eventually.HoldsAsync(
                    () => first.HasExited || Applied(harness).Count >= 3, "the first process is applying");
                Assert.False(first.HasExited, "the first process exited on its own");
                first.Kill(entireProcessTree: true);
                using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await first.WaitForExitAsync(exited.Token);
            }

            var committed = Applied(harness);
            output.WriteLine($"killed after {committed.Count} of {Count} outputs");
            Assert.InRange(committed.Count, 3, Count - 1);

            harness.Server.ClearRequests();
            using var second = Start(controller, kubeconfig, folder.FullName, "pod-b");
            var why = string.Empty;
            await Eventually.HoldsAsync(
                () => SplitFleet.Exact(harness, Count, _ => 10, out why),
                $"every output is present and exact after the restart ({why})",
                TimeSpan.FromSeconds(90));
            await Eventually.HoldsAsync(
                () => Enumerable.Range(0, Count).All(i => harness.Condition(
                    harness.Smi("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", $"app{i}"),
                    "Translated").Status == "True"),
                "every split reports Translated");
            await QuietAsync(harness);

            // Committed writes only: the request the kill cut off may be logged (unanswered) after the log was
            // cleared.
            var writes = harness.Server.Writes.Where(w => w.StatusCode is 200 or 201).ToList();
            Assert.DoesNotContain(writes, w => w.Method == "DELETE");
            for (var i = 0; i < Count; i++)
            {
                var path = SplitFleet.OutputPath(i);
                var expected = committed.Contains(path) ? 0 : 1;
                var actual = writes.Count(w => w.Path == path);
                var before = expected == 0 ? "written before the kill" : "missing";
                Assert.True(actual == expected, $"app{i} was {before}: {actual} write(s) after the restart");
            }

            second.Kill(entireProcessTree: true);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The outputs the server committed (answered 200 or 201 to an apply).</summary>
    private static HashSet<string> Applied(ControllerHarness harness) =>
    [
        .. harness.Server.Writes
            .Where(w => w.Method == "PATCH" && w.Path.StartsWith(OutputPrefix, StringComparison.Ordinal))
            .Where(w => w.StatusCode is 200 or 201)
            .Select(w => w.Path),
    ];

    /// <summary>
    /// Waits until the server saw no write but Lease renewals for a while (the restarted process is done), bounded.
    /// </summary>
    private static async Task QuietAsync(ControllerHarness harness)
    {
        var count = -1;
        var quiet = 0;
        await Eventually.HoldsAsync(
            () =>
            {
                var now = harness.Server.Writes.Count(w => !w.Path.Contains("/leases/", StringComparison.Ordinal));
                quiet = now == count ? quiet + 1 : 0;
                count = now;
                return quiet >= 40;
            },
            "the restarted controller stops writing");
    }

    private Process Start(string[] controller, string kubeconfig, string folder, string identity) =>
        ControllerProcess.Start(
            controller,
            [
                "--mesh", "istio",
                "--health-port", "0",
                "--secure-port", "0",
                "--leader-elect", "true",
                "--lease-namespace", InstalledRbac.Namespace,
                "--Controller:Identity", identity,
                "--Controller:LeaderElection:LeaseDuration", "00:00:04",
                "--Controller:LeaderElection:RenewDeadline", "00:00:03",
                "--Controller:LeaderElection:RetryPeriod", "00:00:00.500",
                "--Controller:Debounce", "00:00:00.030",
                "--Controller:RequestTimeout", "00:00:05",
                "--Controller:RetryBaseDelay", "00:00:00.050",
                "--Logging:LogLevel:Default", "Information",
            ],
            kubeconfig,
            folder,
            identity,
            output);
}
