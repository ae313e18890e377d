using System.CommandLine;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Cli.Options;

namespace Smi.Cli.Commands;

/// <summary>
/// <c>smi graph PATH... [--format mermaid|dot]</c>: who may call whom and where each root's traffic goes.
/// </summary>
internal static class GraphCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = CommonOptions.Paths();
        var ns = CommonOptions.DefaultNamespace();
        var format = ChoiceOption.Create("--format", [], TrafficGraph.Formats, "mermaid");
        format.Description = "mermaid (renders on GitHub) or dot (Graphviz).";
        var command = new Command(
            "graph",
            "Draw who may call whom (TrafficTargets, solid arrows) and where each root's traffic goes (TrafficSplits, "
            + "dashed arrows, with each backend's share) as Mermaid or Graphviz DOT.")
        {
            paths, ns, format,
        };
        CommandExamples.Add(
            command,
            "smi graph samples/access-control",
            "smi graph manifests/ --format dot | dot -Tsvg > traffic.svg");
        command.SetAction(result =>
        {
            var loaded = new ManifestLoader { DefaultNamespace = result.GetValue(ns)! }
                .LoadPaths(result.GetValue(paths)!, console.In);
            var snapshot = SnapshotBuilder.FromLoadResult(loaded);
            DiagnosticPrinter.Print(console.Error, TranslationRun.Locate(snapshot.Diagnostics, loaded), false);
            if (snapshot.HasErrors)
            {
                console.Error.WriteLine("nothing drawn: fix the errors above and run again");
                return ExitCodes.InputErrors;
            }

            console.Out.Write(TrafficGraph.Render(snapshot, result.GetValue(format)!));
            return ExitCodes.Success;
        });
        return command;
    }
}
