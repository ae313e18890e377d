namespace Smi.Testing.ApiServer;

/// <summary>The user a bearer token stands for, in <see cref="LoopbackApiServerOptions.Tokens"/>.</summary>
/// <param name="Name">The user name.</param>
/// <param name="Groups">The groups.</param>
public sealed record TokenUser(string Name, IReadOnlyList<string> Groups);
