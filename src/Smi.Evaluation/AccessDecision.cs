namespace Smi.Evaluation;

/// <summary>Whether a mesh lets a request through, and the policy or default that decided it.</summary>
/// <param name="Allowed">Whether the request reaches the destination.</param>
/// <param name="Reason">The deciding object or rule, for messages.</param>
public sealed record AccessDecision(bool Allowed, string Reason)
{
    /// <summary>An allowing decision.</summary>
    /// <param name="reason">What allowed it.</param>
    /// <returns>The decision.</returns>
    public static AccessDecision Allow(string reason) => new(true, reason);

    /// <summary>A denying decision.</summary>
    /// <param name="reason">What denied it.</param>
    /// <returns>The decision.</returns>
    public static AccessDecision Deny(string reason) => new(false, reason);

    /// <inheritdoc/>
    public override string ToString() => $"{(Allowed ? "allow" : "deny")} ({Reason})";
}
