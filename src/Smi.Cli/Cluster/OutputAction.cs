namespace Smi.Cli.Cluster;

/// <summary>What the controller would do to one output.</summary>
internal enum OutputAction
{
    /// <summary>Apply an object that does not exist.</summary>
    Create,

    /// <summary>Apply an object whose live fields differ.</summary>
    Update,

    /// <summary>Delete an object with the controller's labels that no SMI object wants any more.</summary>
    Prune,
}
