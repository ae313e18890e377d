namespace Smi.Testing.ApiServer;

/// <summary>A pending fault: which requests it matches and how many more it affects.</summary>
internal sealed class FaultRule(FaultKind kind, Func<ApiRequestInfo, bool> matches, int remaining, int statusCode)
{
    public FaultKind Kind { get; } = kind;

    public Func<ApiRequestInfo, bool> Matches { get; } = matches;

    public int Remaining { get; set; } = remaining;

    public int StatusCode { get; } = statusCode;
}
