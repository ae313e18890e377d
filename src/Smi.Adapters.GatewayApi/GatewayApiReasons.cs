namespace Smi.Adapters.GatewayApi;

/// <summary>
/// The stable reason codes of the Gateway API translator's and the SMI migration's own diagnostics; the codes every
/// mesh shares (the route codes among them) are in <see cref="Smi.Abstractions.Diagnostics.SmiReasons"/>.
/// </summary>
internal static class GatewayApiReasons
{
    /// <summary>A root port carries opaque TCP and the TcpRoutes option is off, so the port is not split.</summary>
    public const string TcpRoutesDisabled = "TcpRoutesDisabled";

    /// <summary>
    /// A TrafficTarget is not translated: Gateway API has no access control and no mesh was chosen for it.
    /// </summary>
    public const string AccessControlNotTranslated = "AccessControlNotTranslated";

    /// <summary>A List mixes SMI objects with other objects, so the migration cannot rewrite it in place.</summary>
    public const string MixedSmiList = "MixedSmiList";

    /// <summary>The migration was given no output folder.</summary>
    public const string MissingOutputDirectory = "MissingOutputDirectory";

    /// <summary>Two input files would be written to the same path of the output folder.</summary>
    public const string OutputPathCollision = "OutputPathCollision";
}
