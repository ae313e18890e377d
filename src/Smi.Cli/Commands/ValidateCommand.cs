using System.CommandLine;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;

namespace Smi.Cli.Commands;

/// <summary><c>smi validate PATH...</c>: SMI diagnostics only.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = CommonOptions.Paths();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also print info diagnostics (such as skipped kinds)." };
        var ns = CommonOptions.DefaultNamespace();
        var limits = new InputLimitOptionSet();
        var command = new Command("validate", "Check SMI manifests and print every problem found.") { paths, ns, verbose };
        foreach (var option in limits.All)
        {
            command.Add(option);
        }

        command.SetAction(result =>
        {
            var loaded = new ManifestLoader
            {
                DefaultNamespace = result.GetValue(ns)!,
                Limits = limits.Apply(result),
            }.LoadPaths(
                result.GetValue(paths)!, console.In);
            var snapshot = SnapshotBuilder.FromLoadResult(loaded);
            DiagnosticPrinter.Print(console.Error, snapshot.Diagnostics, result.GetValue(verbose));
            var smiObjects = loaded.Objects.Count(o => o.Resource is Abstractions.Resources.SmiObject);
            console.Out.WriteLine($"{smiObjects} SMI object(s) checked");
            return snapshot.HasErrors ? ExitCodes.InputErrors : ExitCodes.Success;
        });
        return command;
    }
}
