using System.CommandLine;
using Smi.Abstractions.Crds;

namespace Smi.Cli.Commands;

/// <summary><c>smi crds</c>: CustomResourceDefinitions for every SMI kind, generated from the typed models.</summary>
internal static class CrdsCommand
{
    public static Command Create(CliConsole console)
    {
        var format = new Option<OutputFormat>("--format") { Description = "yaml or json.", DefaultValueFactory = _ => OutputFormat.Yaml };
        var output = new Option<string?>("--output", "-o") { Description = "Write one file per CRD into this folder instead of standard output." };
        var command = new Command(
            "crds",
            "Print CustomResourceDefinitions for every SMI kind. Each stores the latest released version; other versions are served only where their schema is the same (use 'smi convert' to move older objects).")
        {
            format, output,
        };
        command.SetAction(result =>
        {
            ManifestOutput.Write([.. SmiCrdGenerator.Generate()], result.GetValue(format), result.GetValue(output), console.Out);
            return ExitCodes.Success;
        });
        return command;
    }
}
