using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;

namespace Smi.Abstractions.Validation;

/// <summary>Checks TrafficSplits: root, backends, weights and route group references.</summary>
public sealed class SplitValidator : ISmiValidator
{
    /// <inheritdoc/>
    public IEnumerable<Diagnostic> Validate(MeshSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var split in snapshot.Splits)
        {
            var source = split.Source;
            if (string.IsNullOrEmpty(split.RootService))
            {
                yield return Diagnostic.Error(
                    SmiReasons.MissingField,
                    source,
                    "spec.service",
                    "spec.service must name the root Service that clients call");
            }
            else if (snapshot.FindService(split.Namespace, split.RootService) is null)
            {
                yield return Diagnostic.Warning(
                    SmiReasons.ServiceNotFound,
                    source,
                    "spec.service",
                    $"Service {split.Namespace}/{split.RootService} is not in the input; add it so its ports are "
                        + "known");
            }

            if (split.Backends.IsDefaultOrEmpty)
            {
                yield return Diagnostic.Error(
                    SmiReasons.NoBackends, source, "spec.backends", "a TrafficSplit needs at least one backend");
                continue;
            }

            if (split.Backends.Length > SmiBounds.MaxBackends)
            {
                yield return Diagnostic.Error(
                    SmiReasons.TooManyBackends,
                    source,
                    "spec.backends",
                    $"{split.Backends.Length} backends are listed; a TrafficSplit lists at most "
                    + $"{SmiBounds.MaxBackends}");
                continue;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < split.Backends.Length; i++)
            {
                var backend = split.Backends[i];
                var path = $"spec.backends[{i}]";
                if (string.IsNullOrEmpty(backend.Service))
                {
                    yield return Diagnostic.Error(
                        SmiReasons.MissingField, source, $"{path}.service", "each backend must name a Service");
                    continue;
                }

                if (!seen.Add(backend.Service))
                {
                    yield return Diagnostic.Error(
                        SmiReasons.DuplicateBackend,
                        source,
                        $"{path}.service",
                        $"backend {backend.Service} is listed twice; list it once with the summed weight");
                }

                if (string.Equals(backend.Service, split.RootService, StringComparison.Ordinal))
                {
                    yield return Diagnostic.Warning(
                        SmiReasons.BackendIsRoot,
                        source,
                        $"{path}.service",
                        $"backend {backend.Service} is the root service itself; the spec asks for separate backend "
                            + "Services");
                }
                else if (snapshot.FindService(split.Namespace, backend.Service) is null)
                {
                    yield return Diagnostic.Warning(
                        SmiReasons.ServiceNotFound,
                        source,
                        $"{path}.service",
                        $"Service {split.Namespace}/{backend.Service} is not in the input; traffic weighted to it "
                            + "fails until it exists");
                }

                if (backend.Weight > SmiBounds.MaxWeight)
                {
                    yield return Diagnostic.Error(
                        SmiReasons.InvalidWeight,
                        source,
                        $"{path}.weight",
                        $"weight {backend.Weight} is too large; weights are at most {SmiBounds.MaxWeight} "
                        + "(scale all weights down)");
                }
                else if (backend.Weight < 0)
                {
                    yield return Diagnostic.Error(
                        SmiReasons.InvalidWeight,
                        source,
                        $"{path}.weight",
                        $"weight {backend.Weight} is negative; weights are zero or more");
                }
                else if (decimal.Truncate(backend.Weight) != backend.Weight && source.Version != "v1alpha1")
                {
                    yield return Diagnostic.Error(
                        SmiReasons.InvalidWeight,
                        source,
                        $"{path}.weight",
                        $"weight {backend.Weight} is fractional; {source.ApiVersion} weights are whole numbers (scale "
                            + "all weights up)");
                }
            }

            if (split.Backends.All(b => b.Weight == 0))
            {
                yield return Diagnostic.Error(
                    SmiReasons.AllWeightsZero,
                    source,
                    "spec.backends",
                    "every backend has weight 0, so no traffic could be routed; give at least one backend a positive "
                        + "weight");
            }

            for (var i = 0; i < split.RouteGroups.Length; i++)
            {
                var group = split.RouteGroups[i];
                var path = $"spec.matches[{i}]";
                if (group.Kind != "HTTPRouteGroup")
                {
                    yield return Diagnostic.Error(
                        SmiReasons.InvalidMatchKind,
                        source,
                        $"{path}.kind",
                        $"kind {group.Kind} cannot be matched; only HTTPRouteGroup can");
                }
                else if (snapshot.FindRouteGroup(split.Namespace, group.Name) is null)
                {
                    yield return Diagnostic.Error(
                        SmiReasons.RouteGroupNotFound,
                        source,
                        $"{path}.name",
                        $"HTTPRouteGroup {split.Namespace}/{group.Name} is not in the input; create it or remove the "
                            + "match");
                }
            }
        }
    }
}
