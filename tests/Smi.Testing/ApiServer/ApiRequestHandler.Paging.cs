namespace Smi.Testing.ApiServer;

/// <summary>The hook tests use to change or compact the store between the pages of a list.</summary>
internal sealed partial class ApiRequestHandler
{
    /// <summary>Called (outside the store's lock) before a list with a continue token is answered.</summary>
    public Action<ContinuedListRequest>? ContinuedList { get; set; }
}
