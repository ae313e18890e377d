namespace Smi.Evaluation;

/// <summary>How an implementation picks one HTTPRoute match among several that accept a request.</summary>
public enum HttpRoutePrecedence
{
    /// <summary>
    /// The Gateway API specification (HTTPRouteRule, "Proxy or Load Balancer routing configuration generated from
    /// HTTPRoutes MUST prioritize matches based on the following criteria, continuing on ties": Exact path, then
    /// Prefix path with the most characters, then method, then the most header matches, then the most query param
    /// matches; then the oldest Route, then <c>{namespace}/{name}</c> in alphabetical order, then the first rule in
    /// list order; https://gateway-api.sigs.k8s.io/reference/spec/#httprouterule). A RegularExpression path has no
    /// place in that list; it is ranked after every Prefix here.
    /// </summary>
    Specification = 0,

    /// <summary>
    /// Istio's conversion of HTTPRoutes (pilot <c>config/kube/gateway</c>, <c>sortHTTPRoutes</c>): path type first,
    /// Exact over Prefix over RegularExpression, then the longer path value (regex patterns too), then method, then
    /// header and query counts; ties keep Route and rule order.
    /// </summary>
    Istio = 1,

    /// <summary>
    /// Linkerd's proxy (linkerd2-proxy <c>linkerd/http/route/src/http/match.rs</c> and <c>match/path.rs</c>,
    /// <c>RequestMatch</c> and <c>PathMatch</c> ordering): the match that covers the most path characters wins, path
    /// type aside (Exact and RegularExpression cover the whole request path, PathPrefix its prefix, <c>/</c> counting
    /// one); then method, then the most header matches, then the most query param matches; ties keep Route and rule
    /// order. A RegularExpression match can so outrank a PathPrefix <c>/</c>.
    /// </summary>
    Linkerd = 2,
}
