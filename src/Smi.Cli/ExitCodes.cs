namespace Smi.Cli;

/// <summary>The exit codes of every command.</summary>
public static class ExitCodes
{
    /// <summary>Everything worked; warnings may have been printed.</summary>
    public const int Success = 0;

    /// <summary>The input has errors; nothing was written.</summary>
    public const int InputErrors = 1;

    /// <summary>The command line was wrong (unknown option, mesh or version).</summary>
    public const int UsageError = 2;

    /// <summary>The cluster could not be read: no usable kubeconfig, unreachable, or credentials refused.</summary>
    public const int ClusterError = 3;

    /// <summary>
    /// <c>smi explain</c>: SMI and the mesh's generated resources disagree on a request (allowed by one, denied by the
    /// other) or on a request class's split.
    /// </summary>
    public const int Disagreement = 4;
}
