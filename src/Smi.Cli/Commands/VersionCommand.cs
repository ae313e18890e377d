using System.CommandLine;
using System.Text.Json.Nodes;
using Smi.Cli.Options;

namespace Smi.Cli.Commands;

/// <summary><c>smi version</c>: the client's version, as <c>kubectl version</c> prints it.</summary>
internal static class VersionCommand
{
    /// <summary>Why no controller version is printed: this smi reads files only and asks no cluster.</summary>
    public const string ControllerNote =
        "note: the controller's version and the SMI versions a cluster serves are printed only with a reachable "
        + "cluster, which this smi does not read; the controller image of this version is ";

    public static Command Create(CliConsole console)
    {
        var output = ChoiceOption.Create("--output", ["-o"], ["text", "yaml", "json"], "text");
        output.Description = "text (default), yaml or json.";
        var command = new Command("version", "Print the version of this smi (the client).") { output };
        CommandExamples.Add(command, "smi version", "smi version -o json", "kubectl smi version");
        command.SetAction(result =>
        {
            switch (result.GetValue(output))
            {
                case "json":
                    console.Out.WriteLine(new JsonObject { ["clientVersion"] = ToolVersion.Current }.ToJsonString());
                    break;
                case "yaml":
                    console.Out.WriteLine($"clientVersion: {ToolVersion.Current}");
                    break;
                default:
                    console.Out.WriteLine($"Client Version: {ToolVersion.Current}");
                    break;
            }

            console.Error.WriteLine(ControllerNote + ToolVersion.DefaultImage);
            return ExitCodes.Success;
        });
        return command;
    }
}
