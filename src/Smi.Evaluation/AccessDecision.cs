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

    /// <summary>
    /// The object that decided, as <c>Kind namespace/name</c> (a TrafficTarget, an AuthorizationPolicy); null when
    /// a default decided or the evaluator does not name it apart from <see cref="Reason"/>.
    /// </summary>
    public string? DecidedBy { get; init; }

    /// <summary>
    /// The rule of <see cref="DecidedBy"/> that decided, for example <c>HTTPRouteGroup api-routes match api</c> or
    /// <c>rules[1]</c>; null when not known.
    /// </summary>
    public string? Rule { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{(Allowed ? "allow" : "deny")} ({Reason})";
}
