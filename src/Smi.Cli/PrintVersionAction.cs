using System.CommandLine;
using System.CommandLine.Invocation;

namespace Smi.Cli;

/// <summary><c>smi --version</c>: prints <see cref="ToolVersion.Current"/>, the tag of the matching image.</summary>
internal sealed class PrintVersionAction(CliConsole console) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        console.Out.WriteLine(ToolVersion.Current);
        return ExitCodes.Success;
    }
}
