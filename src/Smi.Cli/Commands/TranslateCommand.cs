using System.CommandLine;
using Smi.Abstractions.Crds;
using Smi.Abstractions.Diagnostics;
using Smi.Cli.Cluster;
using Smi.Cli.Install;
using Smi.Cli.Options;

namespace Smi.Cli.Commands;

/// <summary><c>smi translate PATH... --mesh NAME</c>: SMI manifests to a mesh's native resources.</summary>
internal static class TranslateCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = CommonOptions.Paths(required: false);
        var meshes = InstallableMeshes.All();
        var mesh = MeshOption.Create($"The mesh to translate for: {string.Join(", ", meshes)}.", meshes);
        var output = new ManifestOutputOptions(directory: true);
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also print info diagnostics." };
        var checkCrds = new Option<string[]>("--check-crds")
        {
            Description = "Check every generated object strictly against the CRDs in these files or folders.",
            AllowMultipleArgumentsPerToken = false,
        };
        var ns = CommonOptions.DefaultNamespace(readsCluster: true);
        var cluster = new ClusterOptionSet();
        var inputs = new CommandInputs(paths, ns, cluster);
        var translation = new TranslateOptionSet();
        var limits = new InputLimitOptionSet();
        var command = new Command(
            "translate", "Translate SMI manifests into a mesh's native resources." + CommandInputs.HelpNote)
        {
            paths, mesh, ns, verbose, checkCrds,
        };
        foreach (var option in translation.All.Concat(output.All).Concat(limits.All).Concat(cluster.All))
        {
            command.Add(option);
        }

        CommandExamples.Add(
            command,
            "smi translate samples/canary --mesh istio",
            "smi translate manifests/ --mesh linkerd -o json",
            "smi translate manifests/ --mesh consul --output-dir out/",
            "smi translate --mesh istio -n shop",
            "smi translate --mesh linkerd -A --context prod -o json",
            "kubectl kustomize overlays/prod | smi translate - --mesh gateway-api --access-control istio");
        command.SetAction(async (result, cancellationToken) =>
        {
            if (output.Check(result, console.Error) is { } usageError)
            {
                return usageError;
            }

            using var provider = MeshRegistration.Build(translation.Settings(result));
            var catalog = MeshRegistration.Catalog(provider);
            var meshName = result.GetValue(mesh)!;
            if (catalog.Find(meshName) is not { } translator)
            {
                console.Error.WriteLine(
                    $"error: unknown mesh \"{meshName}\"; registered meshes: {string.Join(", ", catalog.Meshes)}");
                return ExitCodes.UsageError;
            }

            // Files are read one at a time while the snapshot is built: only each object's entry stays alive.
            var (parts, exitCode) = await inputs
                .LoadByFileAsync(result, limits.Apply(result), console, cancellationToken)
                .ConfigureAwait(false);
            if (parts is null)
            {
                return exitCode;
            }

            var (_, translated, diagnostics) = TranslationRun.Run(translator, parts);
            if (result.GetValue(checkCrds) is { Length: > 0 } crdPaths)
            {
                var missing = crdPaths.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p));
                if (missing is not null)
                {
                    console.Error.WriteLine($"error: --check-crds {missing}: no such file or folder");
                    return ExitCodes.UsageError;
                }

                diagnostics.AddRange(CrdCheck.Run(CrdCatalog.Load(crdPaths), translated.Resources));
            }

            DiagnosticPrinter.Print(console.Error, diagnostics, result.GetValue(verbose));
            if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                console.Error.WriteLine("nothing written: fix the errors above and run again");
                return ExitCodes.InputErrors;
            }

            // Each output becomes JSON as it is written, not all of them at once.
            ManifestOutput.Write(
                translated.Resources.Select(r => r.ToJson()),
                output.FormatOf(result),
                output.DirectoryOf(result),
                console.Out);
            return ExitCodes.Success;
        });
        return command;
    }
}
