namespace Smi.Cli.Options;

/// <summary>How HTTPRouteGroup headers are written.</summary>
internal enum HeaderEncodingChoice
{
    /// <summary>A list of one-entry maps, as the canonical smi-sdk-go CRDs declare.</summary>
    List = 0,

    /// <summary>A map, as the spec prose and the controller-sdk CRDs have it.</summary>
    Map = 1,
}
