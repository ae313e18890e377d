namespace Smi.Evaluation;

/// <summary>
/// Linkerd's HTTPRoutes (gateway.networking.k8s.io and policy.linkerd.io) with a Service parent: Linkerd follows the
/// Gateway API precedence rules ("Linkerd uses Gateway API's HTTPRoute resource" and its matching semantics,
/// https://linkerd.io/2-edge/reference/httproute/ and https://linkerd.io/2-edge/features/httproute/), so this is
/// <see cref="GatewayHttpRouteEvaluator"/> with <see cref="HttpRoutePrecedence.Specification"/>.
/// Linkerd's proxy matches regexes with Rust's regex crate (https://docs.rs/regex), whose Perl classes are
/// Unicode-aware.
/// </summary>
public sealed class LinkerdHttpRouteEvaluator() : GatewayHttpRouteEvaluator(HttpRoutePrecedence.Specification)
{
    /// <inheritdoc/>
    internal override RegexDialect Dialect => RegexDialect.RustRegex;
}
