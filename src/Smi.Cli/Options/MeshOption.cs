using System.CommandLine;

namespace Smi.Cli.Options;

/// <summary><c>--mesh</c>, <c>-m</c>: the mesh a command works for, in any case (<c>Istio</c> means istio).</summary>
internal static class MeshOption
{
    public static Option<string> Create(string description, IReadOnlyList<string> meshes)
    {
        var option = ChoiceOption.LowerCase("--mesh", "-m");
        option.Description = description;
        option.Required = true;
        option.HelpName = string.Join('|', meshes);
        option.CompletionSources.Add(_ => meshes);
        return option;
    }
}
