namespace Smi.Testing.ApiServer;

/// <summary>Every request the server answered, in arrival order of their answers.</summary>
internal sealed class RequestLog
{
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];

    public void Add(ApiRequestInfo info, int statusCode, bool fault)
    {
        lock (_gate)
        {
            _requests.Add(new RecordedRequest(info.Method, info.Path, info.Query, info.ContentType, statusCode, fault));
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _requests];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }
}
