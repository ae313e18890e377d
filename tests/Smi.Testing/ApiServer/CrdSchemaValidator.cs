using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CrdCatalog = Smi.Abstractions.Crds.CrdCatalog;

namespace Smi.Testing.ApiServer;

/// <summary>Checks custom objects against their CRD's openAPIV3Schema with the project's CRD schema checker (strict field validation).</summary>
internal sealed class CrdSchemaValidator : ICustomResourceValidator
{
    private readonly ConditionalWeakTable<CrdDefinition, CrdCatalog> _catalogs = [];

    public static CrdSchemaValidator Instance { get; } = new();

    public IReadOnlyList<FieldViolation> Validate(CrdDefinition crd, string version, JsonObject obj)
    {
        var catalog = _catalogs.GetValue(crd, c => CrdCatalog.FromObjects([c.Source]));
        return [.. catalog.Validate(obj).Select(v => new FieldViolation(v.Path.Length == 0 ? "<root>" : v.Path, v.Message))];
    }
}
