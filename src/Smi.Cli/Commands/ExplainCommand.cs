using System.CommandLine;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Serialization;
using Smi.Cli.Cluster;
using Smi.Cli.Explain;
using Smi.Cli.Install;
using Smi.Cli.Options;

namespace Smi.Cli.Commands;

/// <summary>
/// <c>smi explain --split NS/ROOT --mesh NAME PATH...</c>: per request class, the share each backend of a root
/// Service gets under SMI's meaning and under the mesh's generated resources.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = CommonOptions.Paths(required: false);
        var meshes = InstallableMeshes.All();
        var mesh = MeshOption.Create($"The mesh whose generated resources are compared: {string.Join(", ", meshes)}.",
            meshes);
        var split = new Option<string>("--split")
        {
            Description = "The root Service of the TrafficSplits, as NAMESPACE/NAME (NAME alone uses --namespace).",
            HelpName = "NS/ROOT",
            Required = true,
        };
        var ns = CommonOptions.DefaultNamespace(readsCluster: true);
        var cluster = new ClusterOptionSet();
        var inputs = new CommandInputs(paths, ns, cluster);
        var command = new Command(
            "explain",
            "Show, for each request class of a root Service (each A/B match and the other requests), the share each "
            + "backend gets under SMI and under the mesh's generated resources, flagging disagreements beyond "
            + $"{SplitExplanation.TolerancePoints} point." + CommandInputs.HelpNote)
        {
            paths, split, mesh, ns,
        };
        foreach (var option in cluster.All)
        {
            command.Add(option);
        }

        CommandExamples.Add(
            command,
            "smi explain --split shop/checkout --mesh istio samples/ab-testing",
            "smi explain --split shop/web --mesh linkerd samples/canary",
            "kubectl kustomize overlays/prod | smi explain --split shop/web --mesh consul -",
            "smi explain --split shop/web --mesh istio -n shop --context prod");
        command.SetAction(async (result, cancellationToken) =>
        {
            using var provider = MeshRegistration.Build(new TranslateSettings());
            var meshName = result.GetValue(mesh)!;
            if (MeshRegistration.Catalog(provider).Find(meshName) is not { } translator
                || MeshSplitEvaluators.For(meshName) is not { } evaluator)
            {
                console.Error.WriteLine($"error: unknown mesh \"{meshName}\"; meshes: {string.Join(", ", meshes)}");
                return ExitCodes.UsageError;
            }

            var defaultNamespace = result.GetValue(ns)!;
            var splitValue = result.GetValue(split)!;
            var slash = splitValue.IndexOf('/', StringComparison.Ordinal);
            var (rootNamespace, rootName) = slash < 0
                ? (defaultNamespace, splitValue)
                : (splitValue[..slash], splitValue[(slash + 1)..]);
            if (rootNamespace.Length == 0 || rootName.Length == 0 || rootName.Contains('/', StringComparison.Ordinal))
            {
                console.Error.WriteLine($"error: --split {splitValue}: expected NAMESPACE/NAME");
                return ExitCodes.UsageError;
            }

            var (loaded, exitCode) = await inputs.LoadAsync(result, InputLimits.Default, console, cancellationToken)
                .ConfigureAwait(false);
            if (loaded is null)
            {
                return exitCode;
            }

            var (snapshot, translated, diagnostics) = TranslationRun.Run(translator, loaded);
            DiagnosticPrinter.Print(console.Error, diagnostics, false);
            if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                console.Error.WriteLine("nothing explained: fix the errors above and run again");
                return ExitCodes.InputErrors;
            }

            if (!snapshot.Splits.Any(s => s.Namespace == rootNamespace && s.RootService == rootName))
            {
                console.Error.WriteLine($"error: no TrafficSplit has the root Service {rootNamespace}/{rootName}");
                return ExitCodes.InputErrors;
            }

            if (snapshot.FindService(rootNamespace, rootName) is not { } root)
            {
                console.Error.WriteLine($"error: the root Service {rootNamespace}/{rootName} is not in the input");
                return ExitCodes.InputErrors;
            }

            SplitExplanation.Write(
                console.Out, snapshot, [.. translated.Resources.Select(r => r.ToJson())], meshName, evaluator, root);
            return ExitCodes.Success;
        });
        return command;
    }
}
