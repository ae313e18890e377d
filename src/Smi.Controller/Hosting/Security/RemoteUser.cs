namespace Smi.Controller.Hosting.Security;

/// <summary>An authenticated caller of the TrafficMetrics API, as the API server names it.</summary>
/// <param name="Name">The user name, for example <c>system:serviceaccount:shop:dashboard</c>.</param>
/// <param name="Groups">The user's groups.</param>
/// <param name="Extra">Extra attributes (scopes and the like), by key.</param>
/// <param name="Uid">The user's uid, when known.</param>
public sealed record RemoteUser(
    string Name,
    IReadOnlyList<string> Groups,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Extra,
    string? Uid = null);
