using System.CommandLine;
using Smi.Cli.Install;
using Smi.Cli.Options;

namespace Smi.Cli.Commands;

/// <summary>
/// <c>smi kustomize --output-dir DIR</c>: writes the kustomize base and one overlay per mesh from <c>smi install</c>
/// (the repository keeps them in <c>deploy/kustomize</c>; a test fails when they drift).
/// </summary>
internal static class KustomizeCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new OutputDirectoryOption(
            "The folder to write base/ and overlays/MESH/ into (files of other names are left alone).");
        var command = new Command(
            "kustomize",
            "Write a kustomize base and one overlay per mesh that render what smi install prints (image untagged).")
        {
            output.Directory, output.Legacy,
        };
        CommandExamples.Add(command, "smi kustomize --output-dir deploy/kustomize");
        command.SetAction(result =>
        {
            if (output.Of(result, console.Error) is not { } root)
            {
                return ExitCodes.UsageError;
            }

            foreach (var (path, text) in KustomizeBases.Files(InstallableMeshes.All()))
            {
                var file = Path.Combine(root, path);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, text);
                console.Out.WriteLine(file);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
