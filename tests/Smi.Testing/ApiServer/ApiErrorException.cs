using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer;

/// <summary>Ends request handling with a Status response.</summary>
internal sealed class ApiErrorException(JsonObject status) : Exception(status["message"]?.GetValue<string>())
{
    public JsonObject Status { get; } = status;

    public int Code => Status["code"]?.GetValue<int>() ?? 500;
}
