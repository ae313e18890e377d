using System.CommandLine;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Resources;
using Smi.Abstractions.Snapshot;
using Smi.Cli.Cluster;
using Smi.Cli.Install;
using Smi.Cli.Options;

namespace Smi.Cli.Commands;

/// <summary>
/// <c>smi validate PATH... [--mesh NAME]</c>: SMI diagnostics; with a mesh, also every check <c>translate</c> runs
/// for it, so the two agree on the same input.
/// </summary>
internal static class ValidateCommand
{
    /// <summary>What plain <c>validate</c> leaves out.</summary>
    public const string MeshChecksNote =
        "note: checks that depend on a mesh (backends and destinations without Services or workloads, ports, what the "
        + "mesh cannot express) run only with --mesh NAME, as translate runs them";

    public static Command Create(CliConsole console)
    {
        var paths = CommonOptions.Paths(required: false);
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Also print info diagnostics (such as skipped kinds).",
        };
        var ns = CommonOptions.DefaultNamespace(readsCluster: true);
        var cluster = new ClusterOptionSet();
        var inputs = new CommandInputs(paths, ns, cluster);
        var meshes = InstallableMeshes.All();
        var mesh = MeshOption.Create(
            $"Also run the checks translate runs for this mesh: {string.Join(", ", meshes)}.", meshes);
        mesh.Required = false;
        var translation = new TranslateOptionSet();
        var limits = new InputLimitOptionSet();
        var command = new Command(
            "validate",
            "Check SMI manifests and print every problem found; with --mesh, also every problem translate would "
            + "report for that mesh." + CommandInputs.HelpNote)
        {
            paths, ns, verbose, mesh,
        };
        foreach (var option in translation.All.Concat(limits.All).Concat(cluster.All))
        {
            command.Add(option);
        }

        CommandExamples.Add(
            command,
            "smi validate manifests/",
            "smi validate manifests/ --mesh linkerd --default-deny",
            "smi validate --mesh istio -A --kubeconfig ~/.kube/prod",
            "kubectl kustomize overlays/prod | smi validate - --mesh istio");
        command.SetAction(async (result, cancellationToken) =>
        {
            var (loaded, exitCode) = await inputs.LoadAsync(result, limits.Apply(result), console, cancellationToken)
                .ConfigureAwait(false);
            if (loaded is null)
            {
                return exitCode;
            }

            var smiObjects = loaded.Objects.Count(o => o.Resource is SmiObject);
            var meshName = result.GetValue(mesh);
            if (string.IsNullOrEmpty(meshName))
            {
                var snapshot = SnapshotBuilder.FromLoadResult(loaded);
                DiagnosticPrinter.Print(
                    console.Error, TranslationRun.Locate(snapshot.Diagnostics, loaded), result.GetValue(verbose));
                console.Out.WriteLine($"{smiObjects} SMI object(s) checked");
                console.Error.WriteLine(MeshChecksNote);
                return snapshot.HasErrors ? ExitCodes.InputErrors : ExitCodes.Success;
            }

            using var provider = MeshRegistration.Build(translation.Settings(result));
            var catalog = MeshRegistration.Catalog(provider);
            if (catalog.Find(meshName) is not { } translator)
            {
                console.Error.WriteLine(
                    $"error: unknown mesh \"{meshName}\"; registered meshes: {string.Join(", ", catalog.Meshes)}");
                return ExitCodes.UsageError;
            }

            var (_, _, diagnostics) = TranslationRun.Run(translator, loaded);
            DiagnosticPrinter.Print(console.Error, diagnostics, result.GetValue(verbose));
            console.Out.WriteLine($"{smiObjects} SMI object(s) checked for {translator.Mesh}");
            return diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)
                ? ExitCodes.InputErrors
                : ExitCodes.Success;
        });
        return command;
    }
}
