using System.CommandLine;
using Smi.Abstractions.Serialization;
using Smi.Kube.Api;

namespace Smi.Cli.Cluster;

/// <summary>
/// What <c>translate</c>, <c>validate</c> and <c>explain</c> read: the manifests named as PATH, or, with no PATH, the
/// cluster of the kubeconfig (read-only), loaded the same way so that both give the same snapshot.
/// </summary>
internal sealed class CommandInputs(Argument<string[]> paths, Option<string> ns, ClusterOptionSet cluster)
{
    /// <summary>What a command's help says about reading a cluster.</summary>
    public const string HelpNote = " Without PATH, reads the cluster of the kubeconfig instead (read-only).";

    /// <summary>
    /// Reads the input; null with an exit code when it could not be read (reported on standard error).
    /// </summary>
    public async Task<(LoadResult? Loaded, int ExitCode)> LoadAsync(
        ParseResult result, InputLimits limits, CliConsole console, CancellationToken cancellationToken)
    {
        var (parts, exitCode) = await LoadByFileAsync(result, limits, console, cancellationToken)
            .ConfigureAwait(false);
        return (parts is null ? null : LoadResult.Join(parts), exitCode);
    }

    /// <summary>
    /// Reads the input as <see cref="LoadAsync"/> does, manifests one file at a time as the parts are enumerated
    /// (<see cref="ManifestLoader.LoadPathsByFile"/>), a cluster as one part; null with an exit code when it could
    /// not be read (reported on standard error).
    /// </summary>
    public async Task<(IEnumerable<LoadResult>? Parts, int ExitCode)> LoadByFileAsync(
        ParseResult result, InputLimits limits, CliConsole console, CancellationToken cancellationToken)
    {
        var given = result.GetValue(paths) ?? [];
        if (given.Length > 0)
        {
            if (cluster.Requested(result))
            {
                await console.Error.WriteLineAsync(
                    "error: give manifest files as PATH or read a cluster (--kubeconfig, --context, -A), not both")
                    .ConfigureAwait(false);
                return (null, ExitCodes.UsageError);
            }

            var loader = new ManifestLoader { DefaultNamespace = result.GetValue(ns)!, Limits = limits };
            return (loader.LoadPathsByFile(given, console.In), ExitCodes.Success);
        }

        if (!cluster.Requested(result) && !cluster.KubeconfigFound(result))
        {
            await console.Error.WriteLineAsync(
                "error: give manifest files as PATH (- for standard input), or a cluster with --kubeconfig FILE")
                .ConfigureAwait(false);
            return (null, ExitCodes.UsageError);
        }

        using var target = cluster.Connect(result, ns, console.Error);
        if (target is null)
        {
            return (null, ExitCodes.ClusterError);
        }

        var read = await ReadAsync(target, console.Error, cancellationToken).ConfigureAwait(false);
        return read is null ? (null, ExitCodes.ClusterError) : ([read.Loaded], ExitCodes.Success);
    }

    /// <summary>Reads the SMI objects and their context from a cluster; null when that failed (reported).</summary>
    public static async Task<ClusterInputs?> ReadAsync(
        ClusterTarget target, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            return await new ClusterInputReader(target.Client).ReadAsync(target.Namespace, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (ClusterErrors.Describe(e, target) is { } message)
        {
            await error.WriteLineAsync(message).ConfigureAwait(false);
            return null;
        }
    }
}
