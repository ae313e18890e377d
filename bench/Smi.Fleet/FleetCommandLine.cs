using System.CommandLine;
using Smi.Controller;
using System.Globalization;

namespace Smi.Fleet;

/// <summary>
/// The <c>smi-fleet</c> command line. Each measurement is one subcommand built by its own method, so a harness
/// (such as the controller's convergence run) is added as one more subcommand beside these.
/// </summary>
public static class FleetCommandLine
{
    /// <summary>The seed fleets use unless told otherwise.</summary>
    public const int DefaultSeed = 42;

    /// <summary>Builds the root command.</summary>
    /// <param name="output">Where reports go.</param>
    /// <returns>The root command.</returns>
    public static RootCommand Create(TextWriter output) => new("smi-fleet: generate SMI fleets and measure smi against them.")
    {
        Generate(output),
        TranslateFloorCommand(output),
        StagesCommand(output),
        ControllerCommand(output),
        ServeCommand(),
        ExpectCommand(output),
    };

    /// <summary>Parses a comma-separated list of sizes such as <c>1000,10000,50000</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The sizes.</returns>
    public static IReadOnlyList<int> ParseSizes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowThousands, CultureInfo.InvariantCulture))];
    }

    private static Option<int> Seed() => new("--seed", "-s") { Description = "The seed; the same seed gives byte-identical files.", DefaultValueFactory = _ => DefaultSeed };

    private static Command Generate(TextWriter output)
    {
        var objects = new Option<int>("--objects", "-n") { Description = "SMI objects to generate (Services, Deployments and ServiceAccounts come on top).", Required = true };
        var seed = Seed();
        var directory = new Option<string>("--output", "-o") { Description = "The folder to write one YAML file per namespace into.", Required = true };
        var command = new Command("generate", "Write a deterministic fleet of SMI objects and their Kubernetes context.") { objects, seed, directory };
        command.SetAction(result =>
        {
            var summary = FleetGenerator.Write(result.GetValue(directory)!, result.GetValue(objects), result.GetValue(seed));
            output.WriteLine($"{summary.SmiObjects} SMI objects, {summary.Documents} documents in {summary.Files} files, {summary.Bytes / 1024.0 / 1024.0:F1} MB");
            return 0;
        });
        return command;
    }

    private static Command StagesCommand(TextWriter output)
    {
        var objects = new Option<int>("--objects", "-n") { Description = "Fleet size in SMI objects.", DefaultValueFactory = _ => 10000 };
        var seed = Seed();
        var iterations = new Option<int>("--iterations", "-i") { Description = "Measured runs, after one warm-up.", DefaultValueFactory = _ => 3 };
        var meshes = new Option<string[]>("--mesh", "-m") { Description = "Meshes to translate for; all when left out." };
        var work = new Option<string>("--work-dir") { Description = "Where fleets are generated.", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "smi-fleet") };
        var command = new Command("stages", "Time each stage of translation (load, snapshot, translate, to JSON, YAML) on a fleet.") { objects, seed, iterations, meshes, work };
        command.SetAction(result =>
        {
            var size = result.GetValue(objects);
            var directory = Path.Combine(result.GetValue(work)!, $"fleet-{size}-{result.GetValue(seed)}");
            FleetGenerator.Write(directory, size, result.GetValue(seed));
            foreach (var mesh in result.GetValue(meshes) is { Length: > 0 } chosen ? chosen : TranslateFloor.Meshes)
            {
                Stages.Run(directory, mesh, result.GetValue(iterations), output);
            }

            return 0;
        });
        return command;
    }

    private static Command ControllerCommand(TextWriter output)
    {
        var objects = new Option<int>("--objects", "-n") { Description = "Fleet size in SMI objects.", DefaultValueFactory = _ => 1000 };
        var seed = Seed();
        var mesh = new Option<string>("--mesh", "-m") { Description = "The mesh the controller translates for.", DefaultValueFactory = _ => "istio" };
        var changes = new Option<int>("--changes", "-c") { Description = "Single-object changes to time.", DefaultValueFactory = _ => 200 };
        var debounce = new Option<int>("--debounce-ms")
        {
            Description = "The least time between two passes in milliseconds (the controller's default is 0: the first "
                + "event of a burst starts a pass at once).",
            DefaultValueFactory = _ => 0,
        };
        var writes = new Option<int>("--max-concurrent-writes")
        {
            Description = "The controller's writes in flight at once (its MaxConcurrentWrites).",
            DefaultValueFactory = _ => new ControllerOptions().MaxConcurrentWrites,
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Deadline of convergence and of the resync, in seconds, up to 10,000 objects; larger fleets get it "
                + "in proportion.",
            DefaultValueFactory = _ => 600,
        };
        var work = new Option<string>("--work-dir") { Description = "Where fleets are generated.", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "smi-fleet") };
        var executable = new Option<string?>("--executable")
        {
            Description = "Run the controller's executable (the native one, or Smi.Controller.dll) as a child process "
                + "instead of a ControllerCore in this process; the resync is not measured then.",
            HelpName = "PATH",
        };
        var command = new Command(
            "controller",
            "Run the controller against the loopback API server (a child process) holding a fleet: convergence, change "
                + "latency, writes, resync, both processes' working sets, and the figures against their targets.")
        {
            objects, seed, mesh, changes, debounce, writes, timeout, work, executable,
        };
        command.SetAction(async (result, cancellation) => await ControllerBench.RunAsync(
            new ControllerBenchSettings(
                result.GetValue(objects),
                result.GetValue(mesh)!,
                result.GetValue(changes),
                result.GetValue(seed),
                TimeSpan.FromMilliseconds(result.GetValue(debounce)),
                result.GetValue(writes),
                TimeSpan.FromSeconds(result.GetValue(timeout)),
                result.GetValue(work)!,
                result.GetValue(executable)),
            output,
            cancellation).ConfigureAwait(false));
        return command;
    }

    private static Command ServeCommand()
    {
        var mesh = new Option<string>("--mesh", "-m") { Description = "The mesh whose CRDs are installed.", DefaultValueFactory = _ => "istio" };
        var history = new Option<int>("--watch-history") { Description = "Watch events kept for watches that resume.", DefaultValueFactory = _ => 10_000 };
        var command = new Command("serve", "Serve the loopback API server on 127.0.0.1 for the controller run until standard input closes.")
        {
            mesh, history,
        };
        command.Hidden = true;
        command.SetAction(async (result, cancellation) =>
        {
            // Standard output carries the answers; anything else written to the console goes to standard error.
            var answers = Console.Out;
            Console.SetOut(Console.Error);
            return await FleetApiServer.ServeAsync(result.GetValue(mesh)!, result.GetValue(history), Console.In, answers, cancellation).ConfigureAwait(false);
        });
        return command;
    }

    private static Command ExpectCommand(TextWriter output)
    {
        var fleet = new Option<string>("--fleet") { Description = "The fleet folder.", Required = true };
        var mesh = new Option<string>("--mesh", "-m") { Description = "The mesh to translate for.", DefaultValueFactory = _ => "istio" };
        var outputs = new Option<string>("--outputs") { Description = "Where the expected outputs go (JSON lines).", Required = true };
        var splits = new Option<string>("--splits") { Description = "Where the weighted TrafficSplits and their outputs go (JSON lines)." };
        var command = new Command("expect", "Write what the controller should write for a fleet, for the controller run.") { fleet, mesh, outputs, splits };
        command.Hidden = true;
        command.SetAction(result =>
        {
            FleetExpectation.Write(result.GetValue(fleet)!, result.GetValue(mesh)!, result.GetValue(outputs)!, result.GetValue(splits), output);
            return 0;
        });
        return command;
    }

    private static Command TranslateFloorCommand(TextWriter output)
    {
        var objects = new Option<string>("--objects", "-n") { Description = "Fleet sizes in SMI objects, comma-separated (for example 1000,10000,50000).", DefaultValueFactory = _ => "10000" };
        var seed = Seed();
        var iterations = new Option<int>("--iterations", "-i") { Description = "Measured runs per figure, after one warm-up.", DefaultValueFactory = _ => 5 };
        var meshes = new Option<string[]>("--mesh", "-m") { Description = "Meshes to translate for; all when left out." };
        var work = new Option<string>("--work-dir") { Description = "Where fleets are generated.", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "smi-fleet") };
        var cpu = new Option<bool>("--cpu") { Description = "Time each run by the process's CPU time (all threads) instead of the clock, which load from other processes stretches far more." };
        var command = new Command("translate-floor", "Time smi translate of a fleet per mesh against YamlDotNet reading and writing the same documents.")
        {
            objects, seed, iterations, meshes, work, cpu,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var selected = result.GetValue(meshes) is { Length: > 0 } chosen ? chosen : TranslateFloor.Meshes;
            if (result.GetValue(cpu))
            {
                await TranslateFloorCpu.RunAsync(ParseSizes(result.GetValue(objects)!), result.GetValue(seed), result.GetValue(iterations), [.. selected], result.GetValue(work)!, output).ConfigureAwait(false);
                return 0;
            }

            await TranslateFloor.RunAsync(ParseSizes(result.GetValue(objects)!), result.GetValue(seed), result.GetValue(iterations), [.. selected], result.GetValue(work)!, output).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
