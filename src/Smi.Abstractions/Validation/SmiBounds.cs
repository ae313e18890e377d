namespace Smi.Abstractions.Validation;

/// <summary>
/// The bounds that every gate applies alike: the CRD schemas, the admission webhook, <c>smi validate</c> and the
/// translators. A value outside them is refused with a diagnostic before any arithmetic sees it.
/// </summary>
public static class SmiBounds
{
    /// <summary>
    /// The largest TrafficSplit backend weight, 2^31-1: the range of the <c>int</c> weights that SMI's Go types and
    /// the meshes use; with at most <see cref="MaxBackends"/> backends, sums and products stay far inside
    /// <see cref="decimal"/>.
    /// </summary>
    public const long MaxWeight = int.MaxValue;

    /// <summary>The most backends one TrafficSplit may list.</summary>
    public const int MaxBackends = 1000;
}
