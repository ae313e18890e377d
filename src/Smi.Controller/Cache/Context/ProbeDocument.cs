namespace Smi.Controller.Cache.Context;

/// <summary>A container probe, as far as its HTTP request.</summary>
internal sealed class ProbeDocument
{
    public HttpGetDocument? HttpGet { get; init; }
}
