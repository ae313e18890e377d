namespace Smi.Evaluation;

/// <summary>The regex engine whose semantics a mesh applies to its route patterns.</summary>
internal enum RegexDialect
{
    /// <summary>
    /// RE2 (https://github.com/google/re2/wiki/Syntax), used by Envoy and so by Istio and Consul, and by Istio's
    /// Gateway API implementation: ASCII-only <c>\d</c>, <c>\w</c>, <c>\s</c> and <c>\b</c>.
    /// </summary>
    Re2,

    /// <summary>
    /// Rust's regex crate (https://docs.rs/regex), used by Linkerd's proxy: the same syntax and refusals as RE2 for
    /// what the adapters write, but <c>\d</c>, <c>\w</c>, <c>\s</c> and <c>\b</c> are Unicode-aware by default
    /// ("Perl character classes (Unicode friendly)").
    /// </summary>
    RustRegex,
}
