using System.CommandLine;

namespace Smi.Cli.Options;

/// <summary>Arguments and options several commands share.</summary>
internal static class CommonOptions
{
    public static Argument<string[]> Paths()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Manifest files or folders (YAML or JSON, multi-document); - reads standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.Length > 1 && t.Value.StartsWith('-')))
            {
                result.AddError($"unknown option {token.Value}");
            }
        });
        return paths;
    }

    public static Option<string> DefaultNamespace() => new("--namespace", "-n")
    {
        Description = "Namespace for objects that name none.",
        DefaultValueFactory = _ => "default",
    };
}
