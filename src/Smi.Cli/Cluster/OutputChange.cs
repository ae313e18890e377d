namespace Smi.Cli.Cluster;

/// <summary>One output the controller would change, as two YAML texts.</summary>
/// <param name="Action">What it would do: create, update or prune.</param>
/// <param name="Name"><c>group.version.Kind.namespace.name</c>, as kubectl diff names its files.</param>
/// <param name="Live">The live object's fields the controller decides; empty when it does not exist.</param>
/// <param name="Desired">What the controller would apply; empty when it would delete the object.</param>
internal sealed record OutputChange(OutputAction Action, string Name, string Live, string Desired);
