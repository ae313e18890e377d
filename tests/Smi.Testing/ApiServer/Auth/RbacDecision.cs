namespace Smi.Testing.ApiServer.Auth;

/// <summary>What the RBAC authorizer decided, and why (the reason kube-apiserver appends to a 403 message).</summary>
/// <param name="Allowed">Whether a rule allows the request.</param>
/// <param name="Reason">The binding that allowed it, or the errors met while looking (empty when none).</param>
internal sealed record RbacDecision(bool Allowed, string Reason);
