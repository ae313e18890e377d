using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer;

/// <summary>Accepts every custom object; the server's validator until a schema checker is wired in.</summary>
internal sealed class AcceptAllValidator : ICustomResourceValidator
{
    public static AcceptAllValidator Instance { get; } = new();

    public IReadOnlyList<FieldViolation> Validate(CrdDefinition crd, string version, JsonObject obj) => [];
}
