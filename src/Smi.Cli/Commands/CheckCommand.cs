using System.CommandLine;
using Smi.Cli.Check;
using Smi.Cli.Cluster;
using Smi.Cli.Install;
using Smi.Cli.Options;

namespace Smi.Cli.Commands;

/// <summary>
/// <c>smi check --mesh NAME</c>: checks a cluster as <c>linkerd check</c> does, one line per check with ✔ or ✘
/// and a hint; exit 1 when any fails.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliConsole console)
    {
        var meshes = InstallableMeshes.All();
        var mesh = MeshOption.Create($"The mesh the controller translates for: {string.Join(", ", meshes)}.", meshes);
        var ns = new Option<string>("--namespace", "-n")
        {
            Description = "The namespace the controller is installed in.",
            DefaultValueFactory = _ => "smi-system",
        };
        var cluster = new ClusterOptionSet(allNamespaces: false);
        var command = new Command(
            "check",
            "Check a cluster for the SMI adapter: the API server answers, the SMI CRDs are installed (and which "
            + "versions they serve), their conversion webhook is configured with the current CA and answers, the "
            + "mesh's CRDs are installed, and the controller is ready and leading. Exit 1 when a check fails.")
        {
            mesh, ns,
        };
        foreach (var option in cluster.All)
        {
            command.Add(option);
        }

        CommandExamples.Add(
            command,
            "smi check --mesh istio",
            "smi check --mesh linkerd -n smi-system --context prod",
            "kubectl smi check --mesh consul");
        command.SetAction(async (result, cancellationToken) =>
        {
            using var target = cluster.Connect(result, null, console.Error);
            if (target is null)
            {
                return ExitCodes.ClusterError;
            }

            var checks = new ClusterChecks(
                target.Client, result.GetValue(mesh)!, result.GetValue(ns)!, TimeProvider.System);
            var failed = 0;
            await foreach (var check in checks.RunAsync(target.Server, cancellationToken).ConfigureAwait(false))
            {
                await console.Out.WriteLineAsync(check.ToString()).ConfigureAwait(false);
                failed += check.Passed ? 0 : 1;
            }

            var summary = failed == 0 ? "\nStatus check results are \u2714" : $"\n{failed} check(s) failed \u2718";
            await console.Out.WriteLineAsync(summary).ConfigureAwait(false);
            return failed == 0 ? ExitCodes.Success : ExitCodes.InputErrors;
        });
        return command;
    }
}
