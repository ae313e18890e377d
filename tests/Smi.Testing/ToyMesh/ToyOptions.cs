namespace Smi.Testing.ToyMesh;

/// <summary>The options of the toy mesh, bound from the section <c>toy</c>.</summary>
public sealed class ToyOptions
{
    /// <summary>The prefix of every RouteTable name. Default <c>toy</c>.</summary>
    public string Prefix { get; set; } = "toy";
}
