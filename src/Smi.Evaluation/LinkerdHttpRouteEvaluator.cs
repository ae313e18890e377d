namespace Smi.Evaluation;

/// <summary>
/// Linkerd's HTTPRoutes (gateway.networking.k8s.io and policy.linkerd.io) with a Service parent: Linkerd follows the
/// Gateway API precedence rules ("Linkerd uses Gateway API's HTTPRoute resource" and its matching semantics,
/// https://linkerd.io/2-edge/reference/httproute/ and https://linkerd.io/2-edge/features/httproute/), so this is
/// <see cref="GatewayHttpRouteEvaluator"/> with <see cref="HttpRoutePrecedence.Specification"/>.
/// </summary>
public sealed class LinkerdHttpRouteEvaluator() : GatewayHttpRouteEvaluator(HttpRoutePrecedence.Specification);
