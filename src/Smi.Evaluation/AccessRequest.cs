namespace Smi.Evaluation;

/// <summary>A request from one pod to another, as the access evaluators judge it.</summary>
/// <param name="Source">The calling pod.</param>
/// <param name="Destination">The called pod.</param>
/// <param name="Protocol">HTTP, plain TCP or UDP.</param>
/// <param name="Request">
/// The request; its <see cref="MeshRequest.Port"/> is the destination container port (the port the pod listens on,
/// not a Service port). Path, method and headers count only for <see cref="AccessProtocol.Http"/>.
/// </param>
public sealed record AccessRequest(
    AccessPod Source, AccessPod Destination, AccessProtocol Protocol, MeshRequest Request)
{
    /// <summary>The destination container port.</summary>
    public int Port => Request.Port;

    /// <summary>Whether the request is HTTP.</summary>
    public bool IsHttp => Protocol == AccessProtocol.Http;

    /// <inheritdoc/>
    public override string ToString() => IsHttp
        ? $"{Source} -> {Destination} {Request}"
        : $"{Source} -> {Destination} {Protocol} :{Port}";
}
