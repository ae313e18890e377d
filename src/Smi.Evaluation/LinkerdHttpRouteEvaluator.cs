namespace Smi.Evaluation;

/// <summary>
/// Linkerd's HTTPRoutes (gateway.networking.k8s.io and policy.linkerd.io) with a Service parent, as the proxy picks
/// a route: <see cref="GatewayHttpRouteEvaluator"/> with <see cref="HttpRoutePrecedence.Linkerd"/>. Linkerd documents
/// that it follows Gateway API's HTTPRoute matching (https://linkerd.io/2-edge/reference/httproute/), but the proxy
/// ranks matches by how many path characters they cover, path type aside: linkerd2-proxy
/// <c>linkerd/http/route/src/http/match/path.rs</c> orders <c>PathMatch</c> by <c>len()</c> alone (an Exact or
/// RegularExpression match covers the whole request path, a PathPrefix its prefix), and the outbound (split) and
/// inbound (authorization) routers share that crate's <c>find</c>, so one ranking serves both evaluators.
/// Linkerd's proxy matches regexes with Rust's regex crate (https://docs.rs/regex), whose Perl classes are
/// Unicode-aware.
/// </summary>
public sealed class LinkerdHttpRouteEvaluator() : GatewayHttpRouteEvaluator(HttpRoutePrecedence.Linkerd)
{
    /// <inheritdoc/>
    internal override RegexDialect Dialect => RegexDialect.RustRegex;
}
