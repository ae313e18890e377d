using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer;

/// <summary>Checks a custom object against its CRD's schema; an empty list means valid.</summary>
internal interface ICustomResourceValidator
{
    IReadOnlyList<FieldViolation> Validate(CrdDefinition crd, string version, JsonObject obj);
}
