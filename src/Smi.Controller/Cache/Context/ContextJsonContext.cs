using System.Text.Json.Serialization;

namespace Smi.Controller.Cache.Context;

/// <summary>
/// Source-generated readers of the context kinds' documents: no reflection, only the fields translation reads.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ServiceDocument))]
[JsonSerializable(typeof(NamespaceDocument))]
[JsonSerializable(typeof(WorkloadDocument))]
[JsonSerializable(typeof(PodTemplateDocument))]
internal sealed partial class ContextJsonContext : JsonSerializerContext;
