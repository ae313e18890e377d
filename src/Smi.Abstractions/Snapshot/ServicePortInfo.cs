namespace Smi.Abstractions.Snapshot;

/// <summary>One port of a Kubernetes Service.</summary>
/// <param name="Name">The port name, or <see langword="null"/>.</param>
/// <param name="Port">The Service port.</param>
/// <param name="TargetPort">The target port as written: a number or a container port name; <see langword="null"/> means
/// the same as <paramref name="Port"/>.</param>
/// <param name="Protocol">TCP, UDP or SCTP.</param>
/// <param name="AppProtocol">The optional application protocol, for example <c>http</c>.</param>
public sealed record ServicePortInfo(string? Name, int Port, string? TargetPort, string Protocol, string? AppProtocol);
