using System.CommandLine;
using Smi.Cli.Install;

namespace Smi.Cli.Commands;

/// <summary>
/// <c>smi kustomize --output DIR</c>: writes the kustomize base and one overlay per mesh from <c>smi install</c>
/// (the repository keeps them in <c>deploy/kustomize</c>; a test fails when they drift).
/// </summary>
internal static class KustomizeCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new Option<string>("--output", "-o")
        {
            Description = "The folder to write base/ and overlays/MESH/ into (files of other names are left alone).",
            Required = true,
        };
        var command = new Command(
            "kustomize",
            "Write a kustomize base and one overlay per mesh that render what smi install prints (image untagged).")
        {
            output,
        };
        command.SetAction(result =>
        {
            var root = result.GetValue(output)!;
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
